import type { TenantAuthMaterial } from '@phoenix/contracts';
import { LRUCache } from 'lru-cache';

/** What a gateway asks the owner of tenants (rewards-catalog) to authenticate callers. */
export interface TenantDirectory {
  tenantForApiKeyHash(apiKeyHash: string): Promise<string | null>;
  authMaterial(tenantId: string): Promise<TenantAuthMaterial | null>;
}

export const TENANT_DIRECTORY = Symbol('TENANT_DIRECTORY');

export interface CredentialCacheOptions {
  /** How long a found credential is kept: a rotated key stays valid on a gateway that long. */
  ttlMs: number;
  /** How long "no such key / tenant" is kept: short, so a new tenant is soon recognised. */
  negativeTtlMs: number;
  /** Entries per kind (API keys, tenants), found and not found counted apart. */
  maxEntries?: number;
  /** A monotonic clock in milliseconds (tests pass their fake one). */
  now?: () => number;
}

/**
 * Answers of one kind: found values and misses in two LRU caches of their own, so junk keys
 * only ever push out other junk, never a real tenant's credential.
 */
class AnswerCache<V extends object | string> {
  private readonly found?: LRUCache<string, V>;
  private readonly missing?: LRUCache<string, true>;

  constructor(options: CredentialCacheOptions) {
    const max = options.maxEntries ?? 10_000;
    const perf = options.now ? { now: options.now } : performance;
    // lru-cache reads a ttl of 0 as "forever"; here it means "do not cache".
    if (options.ttlMs > 0) this.found = new LRUCache({ max, ttl: options.ttlMs, perf });
    if (options.negativeTtlMs > 0) this.missing = new LRUCache({ max, ttl: options.negativeTtlMs, perf });
  }

  /** The cached answer (a value or null), or undefined when there is none. */
  peek(key: string): V | null | undefined {
    const value = this.found?.get(key);
    if (value !== undefined) return value;
    return this.missing?.get(key) ? null : undefined;
  }

  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const cached = this.peek(key);
    if (cached !== undefined) return cached;
    const value = await load();
    if (value === null) this.missing?.set(key, true);
    else {
      this.found?.set(key, value);
      this.missing?.delete(key);
    }
    return value;
  }
}

/**
 * Keeps answers for a short time so a request does not cost a service hop for its
 * credential. A rotated key therefore stays valid on a gateway for at most `ttlMs`.
 */
export class CachedTenantDirectory implements TenantDirectory {
  private readonly apiKeys: AnswerCache<string>;
  private readonly materials: AnswerCache<TenantAuthMaterial>;

  /** The same answers without asking the source: what is not cached is unknown. */
  readonly cachedOnly: TenantDirectory;

  constructor(
    private readonly source: TenantDirectory,
    options: CredentialCacheOptions,
  ) {
    this.apiKeys = new AnswerCache(options);
    this.materials = new AnswerCache(options);
    this.cachedOnly = {
      tenantForApiKeyHash: async (hash) => this.apiKeys.peek(hash) ?? null,
      authMaterial: async (tenantId) => this.materials.peek(tenantId) ?? null,
    };
  }

  tenantForApiKeyHash(apiKeyHash: string): Promise<string | null> {
    return this.apiKeys.get(apiKeyHash, () => this.source.tenantForApiKeyHash(apiKeyHash));
  }

  authMaterial(tenantId: string): Promise<TenantAuthMaterial | null> {
    return this.materials.get(tenantId, () => this.source.authMaterial(tenantId));
  }
}
