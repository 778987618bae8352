import type { TenantAuthMaterial } from '@phoenix/contracts';
import { CachedTenantDirectory, TenantDirectory } from './tenant-directory';

const TTL_MS = 1_000;
const NEGATIVE_TTL_MS = 200;
// Date.now is the clock jest's fake timers move.
const CACHE = { ttlMs: TTL_MS, negativeTtlMs: NEGATIVE_TTL_MS, now: () => Date.now() };

function material(tenantId: string, version = 1): TenantAuthMaterial {
  return {
    tenant_id: tenantId,
    jwt_secret: `jwt-${tenantId}-${version}`,
    hmac_secret: `hmac-${tenantId}-${version}`,
    allowed_origins: [],
  };
}

/** A source whose answers can change between calls, counting every call. */
function fakeSource(): {
  source: jest.Mocked<TenantDirectory>;
  apiKeys: Map<string, string>;
  materials: Map<string, TenantAuthMaterial>;
} {
  const apiKeys = new Map<string, string>();
  const materials = new Map<string, TenantAuthMaterial>();
  const source: jest.Mocked<TenantDirectory> = {
    tenantForApiKeyHash: jest.fn(async (hash: string) => apiKeys.get(hash) ?? null),
    authMaterial: jest.fn(async (tenantId: string) => materials.get(tenantId) ?? null),
  };
  return { source, apiKeys, materials };
}

describe('CachedTenantDirectory', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2024-01-01T00:00:00Z') });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('tenantForApiKeyHash', () => {
    it('answers from the cache within the ttl', async () => {
      const { source, apiKeys } = fakeSource();
      apiKeys.set('hash-a', 'tenant-a');
      const directory = new CachedTenantDirectory(source, CACHE);

      await expect(directory.tenantForApiKeyHash('hash-a')).resolves.toBe('tenant-a');
      apiKeys.set('hash-a', 'tenant-rotated');
      jest.advanceTimersByTime(TTL_MS - 1);
      await expect(directory.tenantForApiKeyHash('hash-a')).resolves.toBe('tenant-a');
      expect(source.tenantForApiKeyHash).toHaveBeenCalledTimes(1);
    });

    it('caches a miss (null) too', async () => {
      const { source } = fakeSource();
      const directory = new CachedTenantDirectory(source, CACHE);

      await expect(directory.tenantForApiKeyHash('unknown')).resolves.toBeNull();
      await expect(directory.tenantForApiKeyHash('unknown')).resolves.toBeNull();
      expect(source.tenantForApiKeyHash).toHaveBeenCalledTimes(1);
    });

    it('asks the source again once the ttl has passed', async () => {
      const { source, apiKeys } = fakeSource();
      apiKeys.set('hash-a', 'tenant-a');
      const directory = new CachedTenantDirectory(source, CACHE);

      await directory.tenantForApiKeyHash('hash-a');
      apiKeys.delete('hash-a'); // key revoked
      jest.advanceTimersByTime(TTL_MS + 1);
      await expect(directory.tenantForApiKeyHash('hash-a')).resolves.toBeNull();
      expect(source.tenantForApiKeyHash).toHaveBeenCalledTimes(2);
    });

    it('keeps a miss only for the shorter negative ttl, so a new key starts working', async () => {
      const { source, apiKeys } = fakeSource();
      const directory = new CachedTenantDirectory(source, CACHE);

      await expect(directory.tenantForApiKeyHash('hash-new')).resolves.toBeNull();
      apiKeys.set('hash-new', 'tenant-a');
      await expect(directory.tenantForApiKeyHash('hash-new')).resolves.toBeNull();
      jest.advanceTimersByTime(NEGATIVE_TTL_MS + 1);
      await expect(directory.tenantForApiKeyHash('hash-new')).resolves.toBe('tenant-a');
    });

    it('caches each key separately', async () => {
      const { source, apiKeys } = fakeSource();
      apiKeys.set('hash-a', 'tenant-a');
      apiKeys.set('hash-b', 'tenant-b');
      const directory = new CachedTenantDirectory(source, CACHE);

      await expect(directory.tenantForApiKeyHash('hash-a')).resolves.toBe('tenant-a');
      await expect(directory.tenantForApiKeyHash('hash-b')).resolves.toBe('tenant-b');
      expect(source.tenantForApiKeyHash).toHaveBeenNthCalledWith(1, 'hash-a');
      expect(source.tenantForApiKeyHash).toHaveBeenNthCalledWith(2, 'hash-b');
    });

    it('does not cache a failed lookup', async () => {
      const { source } = fakeSource();
      source.tenantForApiKeyHash.mockRejectedValueOnce(new Error('catalog down'));
      const directory = new CachedTenantDirectory(source, CACHE);

      await expect(directory.tenantForApiKeyHash('hash-a')).rejects.toThrow('catalog down');
      await expect(directory.tenantForApiKeyHash('hash-a')).resolves.toBeNull();
      expect(source.tenantForApiKeyHash).toHaveBeenCalledTimes(2);
    });
  });

  describe('authMaterial', () => {
    it('answers from the cache within the ttl and reloads after it', async () => {
      const { source, materials } = fakeSource();
      materials.set('tenant-a', material('tenant-a', 1));
      const directory = new CachedTenantDirectory(source, CACHE);

      await expect(directory.authMaterial('tenant-a')).resolves.toEqual(material('tenant-a', 1));
      materials.set('tenant-a', material('tenant-a', 2)); // secrets rotated
      jest.advanceTimersByTime(TTL_MS);
      await expect(directory.authMaterial('tenant-a')).resolves.toEqual(material('tenant-a', 1));
      jest.advanceTimersByTime(1);
      await expect(directory.authMaterial('tenant-a')).resolves.toEqual(material('tenant-a', 2));
      expect(source.authMaterial).toHaveBeenCalledTimes(2);
    });

    it('caches a miss (null) for the negative ttl', async () => {
      const { source, materials } = fakeSource();
      const directory = new CachedTenantDirectory(source, CACHE);

      await expect(directory.authMaterial('tenant-new')).resolves.toBeNull();
      materials.set('tenant-new', material('tenant-new'));
      await expect(directory.authMaterial('tenant-new')).resolves.toBeNull();
      jest.advanceTimersByTime(NEGATIVE_TTL_MS);
      await expect(directory.authMaterial('tenant-new')).resolves.toBeNull();
      expect(source.authMaterial).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(1);
      await expect(directory.authMaterial('tenant-new')).resolves.toEqual(material('tenant-new'));
      expect(source.authMaterial).toHaveBeenCalledTimes(2);
    });
  });

  it('keeps api keys and materials in separate caches, even for the same key string', async () => {
    const { source, apiKeys, materials } = fakeSource();
    apiKeys.set('same', 'tenant-from-key');
    materials.set('same', material('same'));
    const directory = new CachedTenantDirectory(source, CACHE);

    await expect(directory.tenantForApiKeyHash('same')).resolves.toBe('tenant-from-key');
    await expect(directory.authMaterial('same')).resolves.toEqual(material('same'));
    await expect(directory.tenantForApiKeyHash('same')).resolves.toBe('tenant-from-key');
    await expect(directory.authMaterial('same')).resolves.toEqual(material('same'));
    expect(source.tenantForApiKeyHash).toHaveBeenCalledTimes(1);
    expect(source.authMaterial).toHaveBeenCalledTimes(1);
  });

  it('evicts the least recently used entry when full, not everything', async () => {
    const { source, apiKeys } = fakeSource();
    for (const n of [1, 2, 3]) apiKeys.set(`h${n}`, `t${n}`);
    const directory = new CachedTenantDirectory(source, { ...CACHE, maxEntries: 2 });

    await directory.tenantForApiKeyHash('h1');
    await directory.tenantForApiKeyHash('h2');
    await directory.tenantForApiKeyHash('h1'); // h1 is now the most recently used
    await directory.tenantForApiKeyHash('h3'); // full: h2 leaves
    expect(source.tenantForApiKeyHash).toHaveBeenCalledTimes(3);
    await directory.tenantForApiKeyHash('h1');
    await directory.tenantForApiKeyHash('h3');
    expect(source.tenantForApiKeyHash).toHaveBeenCalledTimes(3);
    await directory.tenantForApiKeyHash('h2');
    expect(source.tenantForApiKeyHash).toHaveBeenCalledTimes(4);
  });

  it('keeps a real tenant cached through a flood of more unknown keys and tenant ids than it holds', async () => {
    const { source, apiKeys, materials } = fakeSource();
    apiKeys.set('real-hash', 'tenant-a');
    materials.set('tenant-a', material('tenant-a'));
    const directory = new CachedTenantDirectory(source, CACHE); // the default 10,000 entries per kind

    await directory.tenantForApiKeyHash('real-hash');
    await directory.authMaterial('tenant-a');
    for (let i = 0; i < 25_000; i++) {
      await expect(directory.tenantForApiKeyHash(`junk-${i}`)).resolves.toBeNull();
      await expect(directory.authMaterial(`junk-${i}`)).resolves.toBeNull();
    }
    source.tenantForApiKeyHash.mockClear();
    source.authMaterial.mockClear();

    await expect(directory.tenantForApiKeyHash('real-hash')).resolves.toBe('tenant-a');
    await expect(directory.authMaterial('tenant-a')).resolves.toEqual(material('tenant-a'));
    expect(source.tenantForApiKeyHash).not.toHaveBeenCalled();
    expect(source.authMaterial).not.toHaveBeenCalled();
  });

  it('cachedOnly answers from the cache and never asks the source: what is not cached is unknown', async () => {
    const { source, apiKeys, materials } = fakeSource();
    apiKeys.set('cached', 'tenant-a');
    apiKeys.set('not-cached', 'tenant-b');
    materials.set('tenant-a', material('tenant-a'));
    const directory = new CachedTenantDirectory(source, CACHE);
    await directory.tenantForApiKeyHash('cached');
    await directory.authMaterial('tenant-a');
    source.tenantForApiKeyHash.mockClear();
    source.authMaterial.mockClear();

    await expect(directory.cachedOnly.tenantForApiKeyHash('cached')).resolves.toBe('tenant-a');
    await expect(directory.cachedOnly.authMaterial('tenant-a')).resolves.toEqual(material('tenant-a'));
    await expect(directory.cachedOnly.tenantForApiKeyHash('not-cached')).resolves.toBeNull();
    await expect(directory.cachedOnly.authMaterial('tenant-b')).resolves.toBeNull();
    jest.advanceTimersByTime(TTL_MS + 1);
    await expect(directory.cachedOnly.tenantForApiKeyHash('cached')).resolves.toBeNull();
    expect(source.tenantForApiKeyHash).not.toHaveBeenCalled();
    expect(source.authMaterial).not.toHaveBeenCalled();
  });

  it('caches nothing with a ttl of 0', async () => {
    const { source, apiKeys } = fakeSource();
    apiKeys.set('h1', 't1');
    const directory = new CachedTenantDirectory(source, { ...CACHE, ttlMs: 0, negativeTtlMs: 0 });

    await directory.tenantForApiKeyHash('h1');
    await directory.tenantForApiKeyHash('h1');
    await directory.tenantForApiKeyHash('unknown');
    await directory.tenantForApiKeyHash('unknown');
    expect(source.tenantForApiKeyHash).toHaveBeenCalledTimes(4);
  });
});
