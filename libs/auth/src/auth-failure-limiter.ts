import { BucketLimit, RateLimiterOptions, TokenBuckets } from './rate-limiter';

/**
 * Failed authentications per client address, as token buckets: each failure takes a token, so
 * an address may fail `burst` times at once and `perSecond` times a second after that. Only
 * failures count; an address that authenticates is never charged. A rate of 0 turns it off.
 */
export class AuthFailureLimiter {
  private readonly buckets?: TokenBuckets;
  private readonly now: () => number;

  constructor(limit: BucketLimit, options: RateLimiterOptions = {}) {
    if (limit.perSecond > 0) this.buckets = new TokenBuckets(limit, options.maxKeys ?? 100_000);
    this.now = options.now ?? (() => performance.now());
  }

  /** Whether `address` has failures left; false while it is held back. */
  allows(address: string): boolean {
    const bucket = this.buckets?.peek(address, this.now());
    return bucket === undefined || bucket.tokens >= 1;
  }

  /**
   * Counts a failure of `address`: undefined while it was within its limit, else the whole
   * seconds until it may fail again (the failure is then answered 429, not 401).
   */
  failed(address: string): number | undefined {
    if (!this.buckets) return undefined;
    const bucket = this.buckets.current(address, this.now());
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return this.buckets.secondsUntilToken(bucket);
  }
}
