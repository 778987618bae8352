import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { Auth, CurrentPrincipal, Principal } from '@phoenix/auth';
import { AppError, CatalogListSchema, CatalogQuerySchema, CatalogRewardSchema, Patterns, SlugSchema, type CatalogList, type CatalogQuery } from '@phoenix/contracts';
import { affordability, type Funds } from '@phoenix/domain';
import { ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TenantInPath, tenantOf } from '../principal';
import { CachedAnswer, CatalogReadModel, CatalogSnapshot } from './catalog-read-model';

/**
 * The catalog as client apps browse it, served from the gateway's read model (see
 * CatalogReadModel): no Postgres read per request, and with `balance` given nothing per user
 * at all. Without it, affordability comes from the caller's wallet: one indexed read.
 * Answers carry a strong ETag; `If-None-Match` with it answers 304.
 * Both documented path styles: `/v1/rewards/{tenant_id}/catalog` and `/v1/rewards/catalog`.
 */
@ApiTags('catalog')
@Auth('user-jwt', 'hmac')
@TenantInPath()
@Controller('v1/rewards')
export class CatalogController {
  constructor(
    private readonly readModel: CatalogReadModel,
    @Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient,
  ) {}

  @Get(['catalog', ':tenant_id/catalog'])
  @ApiContract({
    operationId: ['listCatalog', 'listCatalogInTenant'],
    summary: 'Active rewards with affordability (from `balance`, or the calling user’s wallet)',
    query: CatalogQuerySchema,
    response: CatalogListSchema,
    etag: true,
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(CatalogQuerySchema)) query: CatalogQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const tenantId = tenantOf(principal);
    const [snapshot, funds] = await Promise.all([this.readModel.snapshot(tenantId), this.funds(principal, tenantId, query)]);
    const key = JSON.stringify([funds, query.purchasable ?? null, query.limit, query.offset]);
    send(request, reply, snapshot.answer(key, () => page(snapshot, query, funds)));
  }

  @Get(['catalog/:slug', ':tenant_id/catalog/:slug'])
  @ApiContract({ operationId: ['getCatalogReward', 'getCatalogRewardInTenant'], summary: 'One active reward by slug', response: CatalogRewardSchema, errors: [404], etag: true })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('slug', zod(SlugSchema)) slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const snapshot = await this.readModel.snapshot(tenantOf(principal));
    const reward = snapshot.bySlug.get(slug);
    if (!reward) throw AppError.notFound('Reward');
    send(request, reply, snapshot.answer(`slug:${slug}`, () => reward));
  }

  /** What affordability is judged against: the stated balance, the caller's wallet, or nothing known. */
  private async funds(principal: Principal, tenantId: string, query: CatalogQuery): Promise<Funds> {
    const { balance, currency } = query;
    if (balance !== undefined) return { kind: 'balance', balance, ...(currency ? { currency } : {}) };
    if (principal.kind !== 'tenant-user') return { kind: 'unknown' };
    const wallet = await this.catalog.send(Patterns.walletsGet, { tenant_id: tenantId, user_id: principal.userId });
    if (currency) return { kind: 'balance', balance: wallet.balances[currency] ?? 0, currency };
    return { kind: 'wallet', balances: wallet.balances };
  }
}

function page(snapshot: CatalogSnapshot, query: CatalogQuery, funds: Funds): CatalogList {
  const listed =
    query.purchasable === undefined ? snapshot.rewards : snapshot.rewards.filter((reward) => (reward.purchase !== null) === query.purchasable);
  return {
    rewards: listed.slice(query.offset, query.offset + query.limit).map((reward) => ({ ...reward, ...affordability(reward.purchase, funds) })),
    total: listed.length,
    limit: query.limit,
    offset: query.offset,
  };
}

/** The answer, or 304 when the caller already holds these exact bytes (RFC 9110 §13.1.2). */
function send(request: FastifyRequest, reply: FastifyReply, answer: CachedAnswer): void {
  // Each client revalidates (cheaply, with the tag); no shared cache keeps a user's affordability.
  void reply.header('cache-control', 'private, no-cache').header('etag', answer.etag);
  if (matches(request.headers['if-none-match'], answer.etag)) {
    void reply.code(304).send();
    return;
  }
  void reply.header('content-type', 'application/json; charset=utf-8').send(answer.body);
}

/** If-None-Match uses the weak comparison: `W/` prefixes are ignored, `*` matches anything. */
function matches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}

