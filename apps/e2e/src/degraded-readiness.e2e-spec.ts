import { call, createReward, createTenant, createTestDatabase, credit, eventually, SupervisedApps, TestDatabase, TestTenant, userToken } from '@phoenix/testing';
import { resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');
const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';

type Readiness = { status: string; checks: Array<{ name: string; required: boolean; status: string }> };

// A dependency a route needs takes that route out, not the gateway: the gateways' readiness
// needs rewards-catalog only, and order-fulfillment works on while rewards-catalog is away.
describe('readiness that degrades by route (distributed, supervised apps)', () => {
  let database: TestDatabase;
  let apps: SupervisedApps;
  let tenant: TestTenant;
  let slug: string;
  /** An app's readiness on its operations port (a gateway's public port has no health routes). */
  const readiness = async (app: 'query-gateway' | 'admin-gateway' | 'order-fulfillment') => {
    const response = await fetch(`${apps.environment.opsUrls[app]}/health/ready`);
    return { status: response.status, body: (await response.json()) as Readiness };
  };
  const asUser = (user: string) => ({ authorization: `Bearer ${userToken(tenant.jwt_secret, { sub: user, tenant_id: tenant.id })}` });
  const buy = (user: string, key: string) =>
    call(apps.queryUrl, 'POST', `/v1/rewards/purchase/${slug}`, { headers: asUser(user), json: { user_id: user, idempotency_key: key, currency: 'gold', fields: {} } });
  const wallet = (user: string) => call(apps.queryUrl, 'GET', `/v1/wallets/${user}`, { headers: asUser(user) });
  const history = (user: string) => call(apps.queryUrl, 'GET', `/v1/orders/user/${user}`, { headers: asUser(user) });
  const users = Array.from({ length: 24 }, (_, i) => `degraded-${i}`);

  beforeAll(async () => {
    database = await createTestDatabase('phoenix_degraded');
    apps = await SupervisedApps.start({ workspaceRoot, databaseUrl: database.url, kafkaBrokers: BROKERS });
    tenant = await createTenant({ adminUrl: apps.adminUrl, platformKey: apps.platformKey });
    slug = (await createReward({ adminUrl: apps.adminUrl }, tenant, { fields: [], stock: null, purchase: { prices: [{ currency: 'gold', amount: 1 }] }, fulfillment: { type: 'wallet', item_type: 'xp', amount: 1 } })).slug;
    for (const user of users) await credit({ adminUrl: apps.adminUrl }, tenant, user, 'gold', 10);
  }, 180_000);

  afterAll(async () => {
    await apps?.stopAll();
    await database?.drop();
  }, 60_000);

  it('grants-analytics down: purchases and wallet reads go on under load, the history answers 503 UPSTREAM_UNAVAILABLE with Retry-After, the gateways stay ready (degraded); all back within seconds', async () => {
    expect((await history(users[0]!)).status).toBe(200);
    await apps.kill('grants-analytics');

    // Under load: every user buys twice and reads the wallet, all at once.
    const load = await Promise.all(users.flatMap((user) => [buy(user, `${user}-a`), buy(user, `${user}-b`), wallet(user)]));
    expect(load.map((r) => r.status).filter((status) => status !== 200)).toEqual([]);
    const balances = await Promise.all(users.map(async (user) => (await wallet(user)).body.balances.gold as number));
    expect(balances).toEqual(users.map(() => 8));

    const refused = await history(users[0]!);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: expect.stringContaining('grants-analytics') });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const stats = await call(apps.adminUrl, 'GET', `/v1/analytics/grants/stats?tenant_id=${tenant.id}`, { headers: { 'x-api-key': tenant.api_key } });
    expect(stats.status).toBe(503);
    for (const gateway of ['query-gateway', 'admin-gateway'] as const) {
      const ready = await readiness(gateway);
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('degraded');
      expect(ready.body.checks).toContainEqual(expect.objectContaining({ name: 'grants-analytics', required: false, status: 'failing' }));
      expect(ready.body.checks).toContainEqual(expect.objectContaining({ name: 'rewards-catalog', required: true, status: 'ok' }));
    }

    const back = Date.now();
    await apps.startApp('grants-analytics');
    await eventually(async () => expect((await history(users[0]!)).status).toBe(200), 10_000, 100);
    await eventually(async () => expect((await readiness('query-gateway')).body.status).toBe('ok'), 10_000, 100);
    expect(Date.now() - back).toBeLessThan(60_000);
    // What was bought while it was away reaches the history once it is back (the outbox and Kafka kept it).
    await eventually(async () => expect((await history(users[1]!)).body.total).toBe(2), 30_000, 200);
  }, 120_000);

  it('order-fulfillment down: the admin gateway stays ready (degraded), its webhook routes answer 503, purchases go on', async () => {
    await apps.kill('order-fulfillment');
    const webhooks = await call(apps.adminUrl, 'GET', `/v1/tenants/${tenant.id}/webhooks`, { headers: { 'x-api-key': tenant.api_key } });
    expect(webhooks.status).toBe(503);
    expect(webhooks.body.code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await buy(users[2]!, 'while-fulfillment-away')).status).toBe(200);
    const ready = await readiness('admin-gateway');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toContainEqual(expect.objectContaining({ name: 'order-fulfillment', required: false, status: 'failing' }));
    await apps.startApp('order-fulfillment');
    await eventually(async () => expect((await call(apps.adminUrl, 'GET', `/v1/tenants/${tenant.id}/webhooks`, { headers: { 'x-api-key': tenant.api_key } })).status).toBe(200), 10_000, 100);
  }, 120_000);

  it('rewards-catalog down: the gateways leave rotation (it is what they are for), order-fulfillment stays ready (degraded)', async () => {
    await apps.kill('rewards-catalog');
    try {
      expect((await readiness('query-gateway')).status).toBe(503);
      expect((await readiness('admin-gateway')).status).toBe(503);
      const fulfillment = await readiness('order-fulfillment');
      expect(fulfillment.status).toBe(200);
      expect(fulfillment.body).toMatchObject({ status: 'degraded' });
      expect(fulfillment.body.checks).toContainEqual(expect.objectContaining({ name: 'rewards-catalog', required: false, status: 'failing' }));
    } finally {
      await apps.startApp('rewards-catalog');
    }
    await eventually(async () => expect((await readiness('query-gateway')).status).toBe(200), 10_000, 100);
  }, 120_000);
});
