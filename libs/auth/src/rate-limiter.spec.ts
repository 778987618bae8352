import { Admission, RateLimiter, RateLimits, TokenBuckets } from './rate-limiter';

/** A clock the test moves by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

const OFF = { perSecond: 0, burst: 1 };

function limiter(limits: Partial<RateLimits>, maxKeys?: number) {
  const clock = manualClock();
  const rateLimiter = new RateLimiter({ tenant: OFF, user: OFF, ...limits }, { now: clock.now, ...(maxKeys ? { maxKeys } : {}) });
  return { limiter: rateLimiter, clock };
}

/** How many of `count` requests in a row are admitted. */
function admittedOf(rateLimiter: RateLimiter, subject: { tenantId: string; userId?: string }, count: number): number {
  return Array.from({ length: count }, () => rateLimiter.admit(subject)).filter((a) => a.admitted).length;
}

function refusal(admission: Admission): Extract<Admission, { admitted: false }> {
  if (admission.admitted) throw new Error('expected a refusal');
  return admission;
}

describe('RateLimiter', () => {
  const alice = { tenantId: 'acme', userId: 'alice' };
  const bob = { tenantId: 'acme', userId: 'bob' };

  it('admits a full burst at once, then refuses', () => {
    const { limiter: rl } = limiter({ user: { perSecond: 1, burst: 5 } });
    expect(admittedOf(rl, alice, 5)).toBe(5);
    const refused = refusal(rl.admit(alice));
    expect(refused.scope).toBe('user');
    expect(refused.quota).toEqual({ limit: 5, remaining: 0 });
  });

  it('refills at the configured rate, never beyond the burst', () => {
    const { limiter: rl, clock } = limiter({ tenant: { perSecond: 10, burst: 20 } });
    expect(admittedOf(rl, alice, 20)).toBe(20);
    clock.advance(500); // 5 tokens
    expect(admittedOf(rl, alice, 10)).toBe(5);
    clock.advance(60_000); // a minute idle: full again, not 600
    expect(admittedOf(rl, alice, 30)).toBe(20);
  });

  it('reports the remaining tokens of the bucket closest to empty', () => {
    const { limiter: rl } = limiter({ tenant: { perSecond: 100, burst: 100 }, user: { perSecond: 1, burst: 3 } });
    expect(rl.admit(alice)).toEqual({ admitted: true, quota: { limit: 3, remaining: 2 } });
    expect(rl.admit(alice)).toEqual({ admitted: true, quota: { limit: 3, remaining: 1 } });
    // Bob's own bucket (2 left) is tighter than the tenant's (97 left).
    expect(rl.admit(bob)).toEqual({ admitted: true, quota: { limit: 3, remaining: 2 } });
  });

  describe('Retry-After', () => {
    it('is the whole seconds until a token is back, rounded up', () => {
      const { limiter: rl, clock } = limiter({ user: { perSecond: 0.25, burst: 2 } });
      admittedOf(rl, alice, 2);
      expect(refusal(rl.admit(alice)).retryAfterSeconds).toBe(4);
      clock.advance(1_500); // 0.375 tokens: 2.5 s to go
      expect(refusal(rl.admit(alice)).retryAfterSeconds).toBe(3);
      clock.advance(2_500);
      expect(rl.admit(alice).admitted).toBe(true);
    });

    it('is at least one second, even when the next token is milliseconds away', () => {
      const { limiter: rl, clock } = limiter({ user: { perSecond: 100, burst: 1 } });
      rl.admit(alice);
      clock.advance(9);
      expect(refusal(rl.admit(alice)).retryAfterSeconds).toBe(1);
    });

    it('is the longer wait when both buckets are empty, naming that scope', () => {
      const { limiter: rl } = limiter({ tenant: { perSecond: 0.1, burst: 1 }, user: { perSecond: 1, burst: 1 } });
      rl.admit(alice);
      const refused = refusal(rl.admit(alice));
      expect(refused).toMatchObject({ scope: 'tenant', retryAfterSeconds: 10, limit: { perSecond: 0.1, burst: 1 } });
    });

    it('lets the caller in once waited out', () => {
      const { limiter: rl, clock } = limiter({ tenant: { perSecond: 3, burst: 3 }, user: { perSecond: 2, burst: 4 } });
      admittedOf(rl, alice, 10);
      const wait = refusal(rl.admit(alice)).retryAfterSeconds;
      clock.advance(wait * 1_000);
      expect(rl.admit(alice).admitted).toBe(true);
    });
  });

  describe('both buckets or none', () => {
    it('a user held back by their own limit takes nothing from the tenant', () => {
      const { limiter: rl } = limiter({ tenant: { perSecond: 1, burst: 10 }, user: { perSecond: 1, burst: 2 } });
      expect(admittedOf(rl, alice, 50)).toBe(2);
      // 48 refusals later the tenant still has 8 tokens for everyone else.
      expect(admittedOf(rl, bob, 2)).toBe(2);
      expect(admittedOf(rl, { tenantId: 'acme', userId: 'carol' }, 2)).toBe(2);
      expect(admittedOf(rl, { tenantId: 'acme', userId: 'dave' }, 2)).toBe(2);
      expect(admittedOf(rl, { tenantId: 'acme', userId: 'erin' }, 2)).toBe(2);
      expect(refusal(rl.admit({ tenantId: 'acme', userId: 'frank' })).scope).toBe('tenant');
    });

    it('a request refused by the tenant limit takes nothing from the user', () => {
      // Alice's bucket barely refills: what she has later is what the refusals left her.
      const { limiter: rl, clock } = limiter({ tenant: { perSecond: 1, burst: 2 }, user: { perSecond: 0.001, burst: 3 } });
      expect(admittedOf(rl, bob, 2)).toBe(2); // the tenant is empty now
      expect(admittedOf(rl, alice, 20)).toBe(0);
      clock.advance(3_000);
      expect(admittedOf(rl, alice, 2)).toBe(2);
      clock.advance(2_000);
      expect(rl.admit(alice)).toEqual({ admitted: true, quota: { limit: 3, remaining: 0 } });
    });

    it('the tenant limit caps the sum of its users; other tenants are not affected', () => {
      const { limiter: rl } = limiter({ tenant: { perSecond: 1, burst: 6 }, user: { perSecond: 1, burst: 4 } });
      const users = ['u1', 'u2', 'u3'].map((userId) => ({ tenantId: 'acme', userId }));
      expect(users.reduce((sum, user) => sum + admittedOf(rl, user, 4), 0)).toBe(6);
      expect(admittedOf(rl, { tenantId: 'globex', userId: 'u1' }, 4)).toBe(4);
    });
  });

  it('counts a credential without a user against its tenant only', () => {
    const { limiter: rl } = limiter({ tenant: { perSecond: 1, burst: 3 }, user: { perSecond: 1, burst: 1 } });
    expect(admittedOf(rl, { tenantId: 'acme' }, 5)).toBe(3);
  });

  it('a rate of 0 turns a limit off', () => {
    const { limiter: rl } = limiter({ tenant: { perSecond: 0, burst: 1 }, user: { perSecond: 0, burst: 1 } });
    expect(admittedOf(rl, alice, 1_000)).toBe(1_000);
    expect(rl.admit(alice)).toEqual({ admitted: true });
  });

  it('keeps user buckets of different tenants apart', () => {
    const { limiter: rl } = limiter({ user: { perSecond: 1, burst: 1 } });
    expect(rl.admit({ tenantId: 'acme', userId: 'sam' }).admitted).toBe(true);
    expect(rl.admit({ tenantId: 'globex', userId: 'sam' }).admitted).toBe(true);
  });

  it('forgets the least recently used buckets beyond its bound', () => {
    const { limiter: rl } = limiter({ user: { perSecond: 1, burst: 1 } }, 2);
    rl.admit({ tenantId: 'acme', userId: 'a' });
    rl.admit({ tenantId: 'acme', userId: 'b' });
    expect(rl.admit({ tenantId: 'acme', userId: 'a' }).admitted).toBe(false); // a is now the most recent
    rl.admit({ tenantId: 'acme', userId: 'c' }); // b goes
    expect(rl.admit({ tenantId: 'acme', userId: 'a' }).admitted).toBe(false);
    expect(rl.admit({ tenantId: 'acme', userId: 'b' }).admitted).toBe(true); // forgotten: a full bucket again
  });
});

describe('TokenBuckets', () => {
  it('never holds more than its bound, however many keys pass', () => {
    const buckets = new TokenBuckets({ perSecond: 1, burst: 1 }, 100);
    for (let i = 0; i < 10_000; i++) buckets.current(`key-${i}`, i);
    expect(buckets.size).toBe(100);
  });

  it('does not refill when the clock goes backwards', () => {
    const buckets = new TokenBuckets({ perSecond: 1, burst: 2 }, 10);
    buckets.current('k', 5_000).tokens = 0;
    expect(buckets.current('k', 1_000).tokens).toBe(0);
    expect(buckets.current('k', 6_000).tokens).toBe(1);
  });
});
