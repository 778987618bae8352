import { CanActivate, ExecutionContext } from '@nestjs/common';
import { AppError, ErrorCode } from '@phoenix/contracts';
import type { RateLimitConfig } from '@phoenix/platform';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from './auth.decorator';
import type { Principal } from './principal';
import type { RateLimiter, RateLimits, RateLimitScope, RateLimitSubject } from './rate-limiter';

/**
 * Rate limits of a gateway, checked after authentication so that the caller is known.
 * A refused request is a 429 with `Retry-After`; every limited response carries
 * `RateLimit-Limit` and `RateLimit-Remaining` of the bucket closest to empty.
 */
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly onRefused: (scope: RateLimitScope) => void,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    // The auth guard runs first and leaves public routes (health, metrics, docs) without a principal.
    const principal = http.getRequest<AuthenticatedRequest>().principal;
    const subject = principal && rateLimitSubject(principal);
    if (!subject) return true;

    const admission = this.limiter.admit(subject);
    const reply = http.getResponse<FastifyReply>();
    if (admission.quota) {
      reply.header('RateLimit-Limit', String(admission.quota.limit));
      reply.header('RateLimit-Remaining', String(admission.quota.remaining));
    }
    if (admission.admitted) return true;

    this.onRefused(admission.scope);
    reply.header('Retry-After', String(admission.retryAfterSeconds));
    const { perSecond, burst } = admission.limit;
    throw new AppError(
      ErrorCode.RateLimited,
      `Too many requests for this ${admission.scope} (limit: ${perSecond} per second, bursts of ${burst}); retry after ${admission.retryAfterSeconds} s`,
    );
  }
}

/** Platform-key calls belong to no tenant and are not limited; only user tokens name a user. */
export function rateLimitSubject(principal: Principal): RateLimitSubject | undefined {
  switch (principal.kind) {
    case 'platform':
      return undefined;
    case 'tenant-user':
      return { tenantId: principal.tenantId, userId: principal.userId };
    default:
      return { tenantId: principal.tenantId };
  }
}

export function rateLimitsOf(config: RateLimitConfig): RateLimits {
  return {
    tenant: { perSecond: config.RATE_LIMIT_TENANT_PER_SECOND, burst: config.RATE_LIMIT_TENANT_BURST },
    user: { perSecond: config.RATE_LIMIT_USER_PER_SECOND, burst: config.RATE_LIMIT_USER_BURST },
  };
}
