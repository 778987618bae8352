import type { TenantAuthMaterial } from '@phoenix/contracts';

/** What a gateway asks the owner of tenants (rewards-catalog) to authenticate callers. */
export interface TenantDirectory {
  tenantForApiKeyHash(apiKeyHash: string): Promise<string | null>;
  authMaterial(tenantId: string): Promise<TenantAuthMaterial | null>;
}

export const TENANT_DIRECTORY = Symbol('TENANT_DIRECTORY');

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Keeps answers for a short time so a request does not cost a service hop for its
 * credential. A rotated key therefore stays valid on a gateway for at most `ttlMs`.
 */
export class CachedTenantDirectory implements TenantDirectory {
  private readonly apiKeys = new Map<string, Entry<string | null>>();
  private readonly materials = new Map<string, Entry<TenantAuthMaterial | null>>();

  constructor(
    private readonly source: TenantDirectory,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  tenantForApiKeyHash(apiKeyHash: string): Promise<string | null> {
    return this.cached(this.apiKeys, apiKeyHash, () => this.source.tenantForApiKeyHash(apiKeyHash));
  }

  authMaterial(tenantId: string): Promise<TenantAuthMaterial | null> {
    return this.cached(this.materials, tenantId, () => this.source.authMaterial(tenantId));
  }

  private async cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = map.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = await load();
    if (map.size >= this.maxEntries) map.clear();
    map.set(key, { value, expiresAt: now + this.ttlMs });
    return value;
  }
}
