export type RateLimitScope = 'tenant' | 'user';

/** A token bucket: `perSecond` tokens flow in, `burst` is its size. A rate of 0 means no limit. */
export interface BucketLimit {
  perSecond: number;
  burst: number;
}

export interface RateLimits {
  tenant: BucketLimit;
  user: BucketLimit;
}

/** Who a request is counted against: its tenant, and its user when the credential names one. */
export interface RateLimitSubject {
  tenantId: string;
  userId?: string;
}

/** The bucket closest to empty after a decision, for the `RateLimit-*` headers. */
export interface Quota {
  limit: number;
  remaining: number;
}

export type Admission =
  | { admitted: true; quota?: Quota }
  | { admitted: false; scope: RateLimitScope; limit: BucketLimit; retryAfterSeconds: number; quota: Quota };

interface Bucket {
  tokens: number;
  /** Clock time (ms) `tokens` was last brought up to date. */
  at: number;
}

/**
 * The buckets of one scope. They are refilled lazily from timestamps when next used, so no
 * timer runs per key. At most `maxKeys` are kept, the least recently used leaving first: a
 * bucket left alone refills to full, which is the same as having none, so what is forgotten
 * is almost always an idle caller.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly limit: BucketLimit,
    private readonly maxKeys: number,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  /** The key's bucket as of `now` (a new key starts full), now the most recently used. */
  current(key: string, now: number): Bucket {
    const bucket = this.peek(key, now);
    if (bucket) {
      this.buckets.delete(key);
      this.buckets.set(key, bucket);
      return bucket;
    }
    if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    const fresh = { tokens: this.limit.burst, at: now };
    this.buckets.set(key, fresh);
    return fresh;
  }

  /** The key's bucket as of `now` when it has one, its place in the order unchanged; keys are not added. */
  peek(key: string, now: number): Bucket | undefined {
    const bucket = this.buckets.get(key);
    if (!bucket) return undefined;
    const elapsedSeconds = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + elapsedSeconds * this.limit.perSecond);
    bucket.at = Math.max(now, bucket.at);
    return bucket;
  }

  /** Whole seconds until a bucket short of a token holds one again (at least 1). */
  secondsUntilToken(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }
}

interface Held {
  scope: RateLimitScope;
  buckets: TokenBuckets;
  bucket: Bucket;
}

export interface RateLimiterOptions {
  /** Buckets kept per scope. */
  maxKeys?: number;
  /** A monotonic clock in milliseconds. */
  now?: () => number;
}

/**
 * In-memory rate limits of one gateway process, per tenant and per (tenant, user). A request
 * takes a token from every bucket that applies to it or from none: a request refused by one
 * bucket leaves the other untouched, so a user held back does not drain their tenant's share.
 */
export class RateLimiter {
  private readonly tenants?: TokenBuckets;
  private readonly users?: TokenBuckets;
  private readonly now: () => number;

  constructor(limits: RateLimits, options: RateLimiterOptions = {}) {
    const maxKeys = options.maxKeys ?? 100_000;
    if (limits.tenant.perSecond > 0) this.tenants = new TokenBuckets(limits.tenant, maxKeys);
    if (limits.user.perSecond > 0) this.users = new TokenBuckets(limits.user, maxKeys);
    this.now = options.now ?? (() => performance.now());
  }

  admit(subject: RateLimitSubject): Admission {
    const now = this.now();
    const held: Held[] = [];
    if (this.tenants) held.push({ scope: 'tenant', buckets: this.tenants, bucket: this.tenants.current(subject.tenantId, now) });
    if (this.users && subject.userId !== undefined) {
      // Neither tenant ids nor user ids may contain a slash.
      held.push({ scope: 'user', buckets: this.users, bucket: this.users.current(`${subject.tenantId}/${subject.userId}`, now) });
    }

    const refusals = held
      .filter(({ bucket }) => bucket.tokens < 1)
      .map((h) => ({ ...h, wait: h.buckets.secondsUntilToken(h.bucket) }));
    if (refusals.length > 0) {
      // The longest wait is the one that decides when a retry can pass.
      const worst = refusals.reduce((a, b) => (b.wait > a.wait ? b : a));
      const limit = worst.buckets.limit;
      return { admitted: false, scope: worst.scope, limit, retryAfterSeconds: worst.wait, quota: { limit: limit.burst, remaining: 0 } };
    }

    for (const { bucket } of held) bucket.tokens -= 1;
    const quotas = held.map(({ buckets, bucket }) => ({ limit: buckets.limit.burst, remaining: Math.floor(bucket.tokens) }));
    const tightest = quotas.reduce<Quota | undefined>((a, b) => (a === undefined || b.remaining < a.remaining ? b : a), undefined);
    return tightest ? { admitted: true, quota: tightest } : { admitted: true };
  }
}
