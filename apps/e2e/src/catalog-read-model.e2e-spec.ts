import { call, createReward, createTenant, credit, scrapeMetrics, startGatewayBeside, StackInfo, TestTenant, userToken, type GatewayBeside } from '@phoenix/testing';
import { resolve } from 'node:path';
import { eachMode } from './stacks';

const WORKSPACE = resolve(__dirname, '../../..');
/** The read model's bound (CATALOG_MAX_AGE_MS) and a margin for the request itself. */
const MAX_AGE_MS = 1_000;

// The query gateway serves the catalog from memory. These tests show it does (reads do not
// reach rewards-catalog), that a change shows on every replica within the 1 s bound, that a
// purchase's debit shows in the buyer's next catalog call, and the ETag / 304 path.
describe.each(eachMode())('catalog read model (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;
  let replica: GatewayBeside;
  let rewardId: string;
  const bearer = (userId: string) => ({ authorization: `Bearer ${userToken(tenant.jwt_secret, { sub: userId, tenant_id: tenant.id })}` });
  const catalogOn = (url: string, headers: Record<string, string> = bearer('reader'), path = '/v1/rewards/catalog') => call(url, 'GET', path, { headers });
  const nameOn = async (url: string) => (await catalogOn(url)).body.rewards.find((r: { id: string }) => r.id === rewardId)?.name;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    tenant = await createTenant(stack);
    const reward = await createReward(stack, tenant, { slug: 'cached', name: 'Before', fields: [], stock: 5, purchase: { prices: [{ currency: 'gold', amount: 30 }] } });
    rewardId = reward.id;
    // No rate limits: this file reads the catalog more often than a user may.
    const unlimited = { RATE_LIMIT_TENANT_PER_SECOND: '0', RATE_LIMIT_USER_PER_SECOND: '0' };
    replica = await startGatewayBeside(stack, 'query-gateway', { workspaceRoot: WORKSPACE, env: unlimited });
  }, 60_000);

  afterAll(async () => {
    await replica?.stop();
  });

  it('answers repeated reads from memory: rewards-catalog is asked about once per second, not per read', async () => {
    await catalogOn(replica.url);
    const before = (await scrapeMetrics(replica.opsUrl))('catalog_snapshot_fetches_total');
    const started = Date.now();
    for (let i = 0; i < 50; i += 1) expect((await catalogOn(replica.url)).status).toBe(200);
    const seconds = Math.ceil((Date.now() - started) / MAX_AGE_MS);
    const fetched = (await scrapeMetrics(replica.opsUrl))('catalog_snapshot_fetches_total') - before;
    // At most one refresh per half-second of the run, and 50 reads.
    expect(fetched).toBeLessThanOrEqual(2 * seconds + 1);
  });

  it('shows a change on every replica once the 1 s bound has passed', async () => {
    expect(await nameOn(stack.queryUrl)).toBe('Before');
    expect(await nameOn(replica.url)).toBe('Before');
    const updated = await call(stack.adminUrl, 'PUT', `/v1/tenants/${tenant.id}/rewards-catalog/${rewardId}`, { headers: { 'x-api-key': tenant.api_key }, json: { name: 'After' } });
    expect(updated.status).toBe(200);
    // Any snapshot either replica holds was fetched before the write; none is served past 1 s.
    await sleep(MAX_AGE_MS + 50);
    expect(await nameOn(stack.queryUrl)).toBe('After');
    expect(await nameOn(replica.url)).toBe('After');
    const one = await call(replica.url, 'GET', '/v1/rewards/catalog/cached', { headers: bearer('reader') });
    expect(one.body.name).toBe('After');
  });

  it('drops a deactivated reward on every replica within the bound', async () => {
    const other = await createReward(stack, tenant, { slug: 'leaving', fields: [] });
    await sleep(MAX_AGE_MS + 50);
    for (const url of [stack.queryUrl, replica.url]) expect((await call(url, 'GET', '/v1/rewards/catalog/leaving', { headers: bearer('reader') })).status).toBe(200);
    expect((await call(stack.adminUrl, 'DELETE', `/v1/tenants/${tenant.id}/rewards-catalog/${other.id}`, { headers: { 'x-api-key': tenant.api_key } })).status).toBe(200);
    await sleep(MAX_AGE_MS + 50);
    for (const url of [stack.queryUrl, replica.url]) expect((await call(url, 'GET', '/v1/rewards/catalog/leaving', { headers: bearer('reader') })).status).toBe(404);
  });

  it('shows a purchase’s debit in the buyer’s very next catalog call (balances are read, not cached)', async () => {
    await credit(stack, tenant, 'buyer', 'gold', 50);
    const affordable = async () => (await catalogOn(stack.queryUrl, bearer('buyer'))).body.rewards.find((r: { id: string }) => r.id === rewardId);
    expect(await affordable()).toMatchObject({ affordable: true, points_needed: null });
    const bought = await call(stack.queryUrl, 'POST', '/v1/rewards/purchase/cached', { headers: bearer('buyer'), json: { user_id: 'buyer', idempotency_key: 'rm-1', currency: 'gold' } });
    expect(bought.status).toBe(200);
    expect(await affordable()).toMatchObject({ affordable: false, points_needed: 10 });
  });

  it('tags each answer: If-None-Match with the tag is 304 without a body, a changed answer a new tag', async () => {
    // The last test's purchase changed the stock: once the bound has passed, both replicas hold
    // snapshots taken after it, so they give the same bytes.
    await sleep(MAX_AGE_MS + 50);
    for (const path of ['/v1/rewards/catalog?balance=100', '/v1/rewards/catalog/cached']) {
      const first = await catalogOn(stack.queryUrl, bearer('reader'), path);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await catalogOn(stack.queryUrl, { ...bearer('reader'), 'if-none-match': etag as string }, path);
      expect({ status: again.status, body: again.body, etag: again.headers.get('etag') }).toEqual({ status: 304, body: undefined, etag });
      // The same bytes on another replica carry the same tag.
      expect((await catalogOn(replica.url, { ...bearer('reader'), 'if-none-match': `W/${etag}` }, path)).status).toBe(304);
      expect((await catalogOn(stack.queryUrl, { ...bearer('reader'), 'if-none-match': '"stale"' }, path)).status).toBe(200);
    }
    const tagged = await catalogOn(stack.queryUrl, bearer('reader'), '/v1/rewards/catalog?balance=100');
    await call(stack.adminUrl, 'PUT', `/v1/tenants/${tenant.id}/rewards-catalog/${rewardId}`, { headers: { 'x-api-key': tenant.api_key }, json: { name: 'Renamed' } });
    await sleep(MAX_AGE_MS + 50);
    const changed = await catalogOn(stack.queryUrl, { ...bearer('reader'), 'if-none-match': tagged.headers.get('etag') as string }, '/v1/rewards/catalog?balance=100');
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tagged.headers.get('etag'));
  });
});
