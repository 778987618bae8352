import { Injectable } from '@nestjs/common';
import {
  AppError,
  BulkGrantRequest,
  BulkGrantResult,
  GrantBody,
  GrantBodySchema,
  GrantResult,
  RewardField,
  httpStatusFor,
  parseOrThrow,
} from '@phoenix/contracts';
import { assertValidFieldValues, requestFingerprint } from '@phoenix/domain';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { OutboxWriter } from '../outbox/outbox.writer';
import { RewardRepository } from '../rewards/reward.repository';
import { newOrder } from './new-order';
import { toEventData, toOrderView } from './order.mapper';
import { OrderRepository } from './order.repository';
import { asInserted } from './order.record';
import { outOfStock } from './purchase.use-case';

const OPERATION = 'grant';
const BULK_CONCURRENCY = 4;

/**
 * A grant: an order without payment. Without an idempotency key of its own a grant is
 * unique per user, source (type and ref) and reward, so replaying a leaderboard payout or a
 * coupon redemption never grants twice.
 */
export function grantKey(body: GrantBody): string {
  return body.idempotency_key ?? `${body.source_type}:${body.source_ref}:${body.reward_id}`;
}

@Injectable()
export class GrantUseCase {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly rewards: RewardRepository,
    private readonly orders: OrderRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(tenantId: string, body: GrantBody): Promise<GrantResult> {
    const result = await this.idempotency.run(
      {
        tenantId,
        userId: body.user_id,
        operation: OPERATION,
        key: grantKey(body),
        fingerprint: requestFingerprint(OPERATION, { ...body, idempotency_key: undefined }),
      },
      async (tx, last) => {
        const reward = await this.rewards.findById(tenantId, body.reward_id, tx);
        if (!reward) throw AppError.notFound('Reward');
        if (!reward.active) throw AppError.conflict('Reward is inactive');
        const expiresAt = body.expires_at ? new Date(body.expires_at) : null;
        if (expiresAt && expiresAt.getTime() <= Date.now()) {
          throw AppError.validation('expires_at must be in the future', [{ path: 'expires_at', message: 'must be in the future' }]);
        }
        const fields = body.fields ?? {};
        const missing = assertValidFieldValues(reward.fields as RewardField[], fields);
        const state = reward.requiresClaim || missing.length > 0 ? 'pending_claim' : 'fulfilling';
        if (reward.stock !== null && reward.stock <= 0) throw outOfStock(reward.slug);

        const order = newOrder(reward, {
          tenantId,
          userId: body.user_id,
          state,
          ...(body.variant_id ? { variantId: body.variant_id } : {}),
          fields,
          source: {
            type: body.source_type,
            ref: body.source_ref,
            name: body.source_name ?? null,
            context: body.source_context ?? null,
            metadata: body.metadata ?? {},
          },
          expiresAt,
        });
        const events = state === 'fulfilling' ? (['order.created', 'order.fulfilling'] as const) : (['order.created'] as const);
        const saved = await this.orders.insert(tx, order, this.outbox.rows(tenantId, order.id, [...events], toEventData(asInserted(order))));
        if (reward.stock !== null) {
          last(async () => {
            if (!(await this.rewards.takeStock(tx, tenantId, reward.id))) throw outOfStock(reward.slug);
          });
        }
        return toOrderView(saved);
      },
    );
    return { order: result.value, was_cached: result.wasCached };
  }

  /**
   * Up to 1,000 grants, each on its own (own transaction, own idempotency): one bad item
   * fails alone, with its status and error at its index.
   */
  async executeBulk(request: BulkGrantRequest): Promise<BulkGrantResult> {
    const results: BulkGrantResult['results'] = new Array(request.grants.length);
    // Items with the same user and key run in input order: the first creates, later ones replay.
    const previousWithKey = new Map<string, Promise<unknown>>();
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < request.grants.length; index = next++) {
        try {
          const body = parseOrThrow(GrantBodySchema, request.grants[index], `grant at index ${index}`);
          const key = `${body.user_id}\n${grantKey(body)}`;
          const before = previousWithKey.get(key);
          const run = (async () => {
            await before?.catch(() => undefined);
            return this.execute(request.tenant_id, body);
          })();
          previousWithKey.set(key, run);
          const granted = await run;
          results[index] = { index, status: 201, order: granted.order, was_cached: granted.was_cached };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          // A replayed error is marked on the item, as a replayed grant is.
          const { was_cached: wasCached, ...payload } = error.toPayload();
          results[index] = { index, status: httpStatusFor(error.code), error: payload, ...(wasCached ? { was_cached: true } : {}) };
        }
      }
    };
    await Promise.all(Array.from({ length: BULK_CONCURRENCY }, worker));
    const created = results.filter((r) => r.status === 201 && !r.was_cached).length;
    const cached = results.filter((r) => r.status === 201 && r.was_cached).length;
    return { results, created, cached, failed: results.length - created - cached };
  }
}
