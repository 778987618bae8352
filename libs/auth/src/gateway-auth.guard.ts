import { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, ErrorCode } from '@phoenix/contracts';
import { IS_PUBLIC, annotate } from '@phoenix/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_SCHEMES, AuthenticatedRequest } from './auth.decorator';
import type { AuthFailureLimiter } from './auth-failure-limiter';
import { hashApiKey, safeEqual } from './credentials';
import { HMAC_HEADERS, ReplayGuard, verifyRequestSignature } from './hmac';
import { AdminClaims, JwtAuthenticator, JwtStrategyName, UserClaims } from './jwt-strategies';
import { type AuthScheme, type Principal, principalTenant } from './principal';
import type { TenantDirectory } from './tenant-directory';

/** What credentials are checked against. */
export interface CredentialChecks {
  jwt: JwtAuthenticator;
  tenants: TenantDirectory;
}

export interface GatewayAuthOptions extends CredentialChecks {
  platformKey?: string;
  hmacWindowSeconds: number;
  /** Failed authentications per client address; not limited when absent. */
  failures?: AuthFailureLimit;
}

export interface AuthFailureLimit {
  limiter: AuthFailureLimiter;
  /** The checks of an address out of failures: cached credentials only, nothing is looked up. */
  cachedOnly: CredentialChecks;
  onRefused: () => void;
}

type Request = FastifyRequest & AuthenticatedRequest & { rawBody?: Buffer };

/**
 * The one guard of a gateway. Secure by default: a route without `@Public()` or `@Auth()`
 * is refused. A valid credential of a kind the route does not accept is 403 (a tenant's API key
 * or admin JWT on a platform route), an invalid one 401. After authenticating it binds the caller to what the request names: a
 * `{tenant_id}` in the path or the query must be the caller's tenant, and a user token may only name
 * its own user id (path, query or body).
 *
 * Failures (401) are counted per client address: past its limit an address is answered 429, and
 * its credentials are checked against the cache only, so a flood of made-up keys or tenant ids
 * costs rewards-catalog no lookups while a real tenant's cached credential still passes.
 */
export class GatewayAuthGuard implements CanActivate {
  private readonly replays: ReplayGuard;

  constructor(
    private readonly reflector: Reflector,
    private readonly options: GatewayAuthOptions,
  ) {
    this.replays = new ReplayGuard(options.hmacWindowSeconds);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const schemes = this.reflector.getAllAndOverride<AuthScheme[] | undefined>(AUTH_SCHEMES, targets);
    if (!schemes?.length) throw AppError.forbidden('Route has no authentication policy');

    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const principal = await this.authenticateCounted(request, schemes, http.getResponse<FastifyReply>());
    this.bind(request, principal);
    request.principal = principal;
    annotate({ tenant_id: principalTenant(principal), user_id: principal.kind === 'tenant-user' ? principal.userId : undefined });
    return true;
  }

  private async authenticateCounted(request: Request, schemes: AuthScheme[], reply: FastifyReply): Promise<Principal> {
    const failures = this.options.failures;
    if (!failures) return this.authenticate(request, schemes, this.options);
    // The socket's peer, or the client a trusted proxy names (TRUSTED_PROXIES, Fastify's trustProxy).
    const address = request.ip;
    const checks = failures.limiter.allows(address) ? this.options : failures.cachedOnly;
    try {
      return await this.authenticate(request, schemes, checks);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== ErrorCode.Unauthenticated) throw error;
      const retryAfter = failures.limiter.failed(address);
      if (retryAfter === undefined) throw error;
      failures.onRefused();
      reply.header('Retry-After', String(retryAfter));
      throw new AppError(ErrorCode.RateLimited, `Too many failed authentications from this address; retry after ${retryAfter} s`);
    }
  }

  private async authenticate(request: Request, schemes: AuthScheme[], checks: CredentialChecks): Promise<Principal> {
    const headers = request.headers;
    const apiKey = single(headers['x-api-key']);
    if (apiKey !== undefined) return this.authenticateApiKey(apiKey, schemes, checks.tenants);
    if (single(headers[HMAC_HEADERS.signature]) !== undefined && schemes.includes('hmac')) {
      return this.authenticateHmac(request, checks.tenants);
    }
    if (typeof headers.authorization === 'string') {
      if (schemes.includes('admin-jwt')) {
        const claims = await this.jwt<AdminClaims>('admin-jwt', request, checks.jwt);
        return { kind: 'tenant-admin', tenantId: claims.tenant_id, via: 'admin-jwt', subject: claims.sub };
      }
      if (schemes.includes('user-jwt')) {
        const claims = await this.jwt<UserClaims>('user-jwt', request, checks.jwt);
        return claims.role === 'service'
          ? { kind: 'tenant-service', tenantId: claims.tenant_id, via: 'service-jwt' }
          : { kind: 'tenant-user', tenantId: claims.tenant_id, userId: claims.sub };
      }
      if (checks.jwt.supports('admin-jwt') && (await checks.jwt.verify('admin-jwt', request)).ok) {
        throw notAccepted('An admin JWT', schemes);
      }
    }
    throw AppError.unauthenticated(`Missing credential: this route accepts ${schemes.join(', ')}`);
  }

  /** A genuine key of a kind the route does not take is 403 (known, not allowed); any other key is 401. */
  private async authenticateApiKey(apiKey: string, schemes: AuthScheme[], tenants: TenantDirectory): Promise<Principal> {
    if (this.options.platformKey && safeEqual(apiKey, this.options.platformKey)) {
      if (schemes.includes('platform-key')) return { kind: 'platform' };
      throw notAccepted('The platform key', schemes);
    }
    const tenantId = await tenants.tenantForApiKeyHash(hashApiKey(apiKey));
    if (!tenantId) throw AppError.unauthenticated('Invalid API key');
    if (schemes.includes('tenant-api-key')) return { kind: 'tenant-admin', tenantId, via: 'api-key' };
    throw notAccepted('A tenant API key', schemes);
  }

  private async jwt<T>(strategy: JwtStrategyName, request: Request, jwt: JwtAuthenticator): Promise<T> {
    if (!jwt.supports(strategy)) {
      throw AppError.unauthenticated('Bearer tokens are not configured on this gateway');
    }
    const result = await jwt.verify<T>(strategy, request);
    if (result.ok) return result.claims;
    if (result.unavailable) throw new AppError(ErrorCode.UpstreamUnavailable, 'Credential check is unavailable, retry shortly');
    throw AppError.unauthenticated(`Invalid token: ${result.reason}`);
  }

  private async authenticateHmac(request: Request, tenants: TenantDirectory): Promise<Principal> {
    const tenantId = single(request.headers[HMAC_HEADERS.tenant]);
    const timestamp = single(request.headers[HMAC_HEADERS.timestamp]);
    const signature = single(request.headers[HMAC_HEADERS.signature]) ?? '';
    if (!tenantId || !timestamp) throw AppError.unauthenticated('HMAC requests need X-Phoenix-Tenant and X-Phoenix-Timestamp');
    const material = await tenants.authMaterial(tenantId);
    if (!material) throw AppError.unauthenticated('Unknown tenant');
    const now = Math.floor(Date.now() / 1000);
    const verdict = verifyRequestSignature(
      material.hmac_secret,
      { method: request.method, pathWithQuery: request.url, rawBody: request.rawBody ?? '', timestamp },
      signature,
      now,
      this.options.hmacWindowSeconds,
    );
    if (!verdict.ok) throw AppError.unauthenticated(verdict.reason);
    if (!this.replays.firstUse(signature.toLowerCase(), now)) throw AppError.unauthenticated('Replayed request signature');
    return { kind: 'tenant-service', tenantId, via: 'hmac' };
  }

  private bind(request: Request, principal: Principal): void {
    if (principal.kind === 'platform') return;
    const params = (request.params ?? {}) as Record<string, unknown>;
    const query = (request.query ?? {}) as Record<string, unknown>;
    for (const named of [params['tenant_id'], query['tenant_id']]) {
      if (named !== undefined && named !== principal.tenantId) {
        throw AppError.forbidden('Credential does not belong to this tenant');
      }
    }
    if (principal.kind !== 'tenant-user') return;
    const body = request.body;
    const named = [
      params['user_id'],
      query['user_id'],
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['user_id'] : undefined,
    ];
    for (const userId of named) {
      if (userId !== undefined && userId !== principal.userId) {
        throw AppError.forbidden('A user token may only act on its own user id');
      }
    }
  }
}

function notAccepted(credential: string, schemes: AuthScheme[]): AppError {
  return AppError.forbidden(`${credential} is not accepted on this route (it accepts ${schemes.join(', ')})`);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
