import { call, createReward, createTenant, createTestDatabase, eventually, sqlRows, SupervisedApps, TestDatabase, TestReceiver, TestTenant } from '@phoenix/testing';
import { Kafka, logLevel } from 'kafkajs';
import { resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');
const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';

// Crash tests of order-fulfillment: the apps run as processes the test can kill.
describe('fulfillment under faults (distributed, supervised apps)', () => {
  let database: TestDatabase;
  let apps: SupervisedApps;
  let tenant: TestTenant;

  const admin = (method: string, path: string, json?: unknown) =>
    call(apps.adminUrl, method, `/v1/tenants/${tenant.id}${path}`, { headers: { 'x-api-key': tenant.api_key }, ...(json !== undefined ? { json } : {}) });

  const sql = <T>(text: string, params: unknown[]) => sqlRows<T>(database.url, text, params);

  beforeAll(async () => {
    database = await createTestDatabase('phoenix_fulfil_faults');
    apps = await SupervisedApps.start({ workspaceRoot, databaseUrl: database.url, kafkaBrokers: BROKERS });
    tenant = await createTenant({ adminUrl: apps.adminUrl, platformKey: apps.platformKey });
  }, 120_000);

  afterAll(async () => {
    await apps?.stopAll();
    await database?.drop();
  }, 60_000);

  it('killed after the tenant call, before the state write: the call is repeated with the same idempotency key and the order completes once', async () => {
    const delivered = new Map<string, string>();
    let crashed = false;
    const receiver = await TestReceiver.start(tenant.webhook_secret, (received) => {
      const key = String(received.headers['idempotency-key']);
      if (!crashed) {
        crashed = true;
        delivered.set(key, 'EXT-ONCE');
        void apps.kill('order-fulfillment', 'SIGKILL'); // the tenant did the work; the caller dies before it hears back
        return 'hang';
      }
      return { status: 200, body: { external_id: delivered.get(key) ?? 'EXT-NEW' } };
    });
    try {
      await admin('PUT', '/settings', { fulfillment_url: receiver.url });
      const reward = await createReward({ adminUrl: apps.adminUrl }, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'api' } });
      const order = (await admin('POST', '/grants', { user_id: 'crash-user', reward_id: reward.id, source_type: 'admin', source_ref: 'crash' })).body.order;
      await eventually(async () => expect(crashed).toBe(true), 20_000);
      await apps.startApp('order-fulfillment');
      const done = await eventually(async () => {
        const current = (await admin('GET', `/reward-orders/${order.id}`)).body;
        expect(current.status.state).toBe('completed');
        return current;
      }, 60_000, 250);
      expect(done.status.data).toMatchObject({ type: 'api', external_id: 'EXT-ONCE' });
      expect(receiver.calls.map((c) => c.headers['idempotency-key'])).toEqual([order.id, order.id]);
      const completions = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM catalog.outbox WHERE aggregate_id = $1 AND event_type = 'order.completed'`,
        [order.id],
      );
      expect(completions).toEqual([{ n: 1 }]);
    } finally {
      await receiver.close();
    }
  }, 120_000);

  it('wallet fulfillment with its event delivered twice credits once', async () => {
    const reward = await createReward({ adminUrl: apps.adminUrl }, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'wallet', item_type: 'currency', currency: 'gems', amount: 70 } });
    const order = (await admin('POST', '/grants', { user_id: 'twice', reward_id: reward.id, source_type: 'admin', source_ref: 'twice' })).body.order;
    await eventually(async () => expect((await admin('GET', `/reward-orders/${order.id}`)).body.status.state).toBe('completed'), 30_000);

    // The same order.fulfilling event again, as a redelivery would bring it.
    const [row] = await sql<{ envelope: unknown }>(`SELECT envelope FROM catalog.outbox WHERE aggregate_id = $1 AND event_type = 'order.fulfilling'`, [order.id]);
    const kafka = new Kafka({ clientId: 'redelivery-test', brokers: [BROKERS], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: apps.environment.env['ORDER_EVENTS_TOPIC']!, acks: -1, messages: [{ key: order.id, value: JSON.stringify(row!.envelope) }, { key: order.id, value: JSON.stringify(row!.envelope) }] });
    await producer.disconnect();
    await new Promise((r) => setTimeout(r, 3_000));

    const ledger = await sql<{ n: number; total: number }>(
      `SELECT count(*)::int AS n, COALESCE(sum(amount), 0)::int AS total FROM catalog.wallet_ledger WHERE tenant_id = $1 AND reference = $2`,
      [tenant.id, order.id],
    );
    expect(ledger).toEqual([{ n: 1, total: 70 }]);
    expect((await admin('GET', '/wallets/twice')).body.balances).toEqual({ gems: 70 });
    const jobs = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM fulfillment.jobs WHERE order_id = $1`, [order.id]);
    expect(jobs).toEqual([{ n: 1 }]);
  }, 90_000);
});

// Outgoing calls with the production default WEBHOOK_ALLOW_PRIVATE=false.
describe('outgoing URLs: SSRF targets refused (distributed, WEBHOOK_ALLOW_PRIVATE=false)', () => {
  let database: TestDatabase;
  let apps: SupervisedApps;
  let tenant: TestTenant;

  beforeAll(async () => {
    database = await createTestDatabase('phoenix_ssrf');
    apps = await SupervisedApps.start({ workspaceRoot, databaseUrl: database.url, kafkaBrokers: BROKERS, env: { WEBHOOK_ALLOW_PRIVATE: 'false' } });
    tenant = await createTenant({ adminUrl: apps.adminUrl, platformKey: apps.platformKey });
  }, 120_000);

  afterAll(async () => {
    await apps?.stopAll();
    await database?.drop();
  }, 60_000);

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/hook',
    'http://192.168.1.10/hook',
    'http://[::1]/hook',
  ])('refuses a webhook to %s', async (url) => {
    const response = await call(apps.adminUrl, 'POST', `/v1/tenants/${tenant.id}/webhooks`, {
      headers: { 'x-api-key': tenant.api_key },
      json: { url, events: ['order.created'] },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/private or internal address/);
  });

  it('fails an API order whose fulfillment_url points inside, without calling it', async () => {
    const calls: string[] = [];
    const receiver = await TestReceiver.start(tenant.webhook_secret, (received) => {
      calls.push(received.body);
      return { status: 200, body: { external_id: 'should-not-happen' } };
    });
    try {
      await call(apps.adminUrl, 'PUT', `/v1/tenants/${tenant.id}/settings`, { headers: { 'x-api-key': tenant.api_key }, json: { fulfillment_url: receiver.url } });
      const reward = await createReward({ adminUrl: apps.adminUrl }, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'api' } });
      const order = (
        await call(apps.adminUrl, 'POST', `/v1/tenants/${tenant.id}/grants`, {
          headers: { 'x-api-key': tenant.api_key },
          json: { user_id: 'ssrf', reward_id: reward.id, source_type: 'admin', source_ref: 'ssrf' },
        })
      ).body.order;
      await eventually(async () => {
        const current = (await call(apps.adminUrl, 'GET', `/v1/tenants/${tenant.id}/reward-orders/${order.id}`, { headers: { 'x-api-key': tenant.api_key } })).body;
        expect(current.status).toMatchObject({ state: 'failed', reason: expect.stringContaining('private or internal address') });
      }, 30_000);
      expect(calls).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
