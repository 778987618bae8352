import { ExecutionContext } from '@nestjs/common';
import { AppError, ErrorCode, httpStatusFor } from '@phoenix/contracts';
import type { Principal } from './principal';
import { RateLimitGuard, rateLimitSubject } from './rate-limit.guard';
import { RateLimiter, RateLimitScope } from './rate-limiter';

function contextFor(principal: Principal | undefined, headers: Record<string, string>): ExecutionContext {
  const reply = { header: (name: string, value: string) => (headers[name] = value) };
  return { switchToHttp: () => ({ getRequest: () => ({ principal }), getResponse: () => reply }) } as unknown as ExecutionContext;
}

function guardWith(limits: { tenant: number; user: number }): { guard: RateLimitGuard; refused: RateLimitScope[] } {
  const refused: RateLimitScope[] = [];
  const limiter = new RateLimiter(
    { tenant: { perSecond: 1, burst: limits.tenant }, user: { perSecond: 1, burst: limits.user } },
    { now: () => 0 },
  );
  return { guard: new RateLimitGuard(limiter, (scope) => refused.push(scope)), refused };
}

describe('RateLimitGuard', () => {
  const user: Principal = { kind: 'tenant-user', tenantId: 'acme', userId: 'alice' };

  it('adds the quota headers and lets the request through', () => {
    const { guard } = guardWith({ tenant: 10, user: 2 });
    const headers: Record<string, string> = {};
    expect(guard.canActivate(contextFor(user, headers))).toBe(true);
    expect(headers).toEqual({ 'RateLimit-Limit': '2', 'RateLimit-Remaining': '1' });
  });

  it('refuses with RATE_LIMITED (429), Retry-After and a message naming the scope, and counts it', () => {
    const { guard, refused } = guardWith({ tenant: 10, user: 1 });
    guard.canActivate(contextFor(user, {}));
    const headers: Record<string, string> = {};
    let error: unknown;
    try {
      guard.canActivate(contextFor(user, headers));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.RateLimited);
    expect(httpStatusFor((error as AppError).code)).toBe(429);
    expect((error as AppError).message).toMatch(/^Too many requests for this user \(limit: 1 per second, bursts of 1\); retry after 1 s$/);
    expect(headers).toEqual({ 'RateLimit-Limit': '1', 'RateLimit-Remaining': '0', 'Retry-After': '1' });
    expect(refused).toEqual(['user']);
  });

  it('leaves public routes and the platform key alone', () => {
    const { guard } = guardWith({ tenant: 1, user: 1 });
    const headers: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      expect(guard.canActivate(contextFor(undefined, headers))).toBe(true);
      expect(guard.canActivate(contextFor({ kind: 'platform' }, headers))).toBe(true);
    }
    expect(headers).toEqual({});
  });
});

describe('rateLimitSubject', () => {
  it('names the user of a user token only', () => {
    expect(rateLimitSubject({ kind: 'tenant-user', tenantId: 't', userId: 'u' })).toEqual({ tenantId: 't', userId: 'u' });
    expect(rateLimitSubject({ kind: 'tenant-service', tenantId: 't', via: 'hmac' })).toEqual({ tenantId: 't' });
    expect(rateLimitSubject({ kind: 'tenant-admin', tenantId: 't', via: 'admin-jwt', subject: 'ops' })).toEqual({ tenantId: 't' });
    expect(rateLimitSubject({ kind: 'platform' })).toBeUndefined();
  });
});
