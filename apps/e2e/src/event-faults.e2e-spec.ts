import {
  call,
  createReward,
  createTenant,
  createTestDatabase,
  eventually,
  sqlRows,
  SupervisedApps,
  TestBroker,
  TestDatabase,
  TestReward,
  TestTenant,
} from '@phoenix/testing';
import { Kafka, logLevel } from 'kafkajs';
import { resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');

// Fault tests of the events pipeline on a real broker of their own (so stopping it touches
// no other test) and the five apps as processes the test can kill.
describe('events pipeline under faults (distributed, private broker)', () => {
  let broker: TestBroker;
  let database: TestDatabase;
  let apps: SupervisedApps;
  let tenant: TestTenant;
  let reward: TestReward;

  const grant = (userId: string, ref: string) =>
    call(apps.adminUrl, 'POST', `/v1/tenants/${tenant.id}/grants`, {
      headers: { 'x-api-key': tenant.api_key },
      json: { user_id: userId, reward_id: reward.id, source_type: 'promotion', source_ref: ref },
    });

  /** Every grant of the tenant in ClickHouse (through the admin analytics route), by order id. */
  async function analyticsOrderIds(): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 1_000) {
      const page = await call(apps.adminUrl, 'GET', `/v1/analytics/grants?tenant_id=${tenant.id}&limit=1000&offset=${offset}`, {
        headers: { 'x-api-key': tenant.api_key },
      });
      expect(page.status).toBe(200);
      ids.push(...page.body.grants.map((g: { order_id: string }) => g.order_id));
      if (offset + 1_000 >= page.body.total) return ids;
    }
  }

  async function postgresOrderCount(): Promise<number> {
    const [row] = await sqlRows<{ n: number }>(database.url, 'SELECT count(*)::int AS n FROM catalog.orders WHERE tenant_id = $1', [tenant.id]);
    return row!.n;
  }


  beforeAll(async () => {
    broker = await TestBroker.start(workspaceRoot);
    database = await createTestDatabase('phoenix_faults');
    apps = await SupervisedApps.start({ workspaceRoot, databaseUrl: database.url, kafkaBrokers: broker.brokers });
    tenant = await createTenant({ adminUrl: apps.adminUrl, platformKey: apps.platformKey });
    reward = await createReward({ adminUrl: apps.adminUrl }, tenant, { fields: [], purchase: null, fulfillment: { type: 'wallet', item_type: 'xp', amount: 10 }, stock: null });
  }, 240_000);

  afterAll(async () => {
    await apps?.stopAll();
    await broker?.destroy();
    await database?.drop();
  }, 120_000);

  it('(a) Kafka down while 200 orders are made: all arrive in ClickHouse after it is back, none twice', async () => {
    await broker.stop();
    const made = await Promise.all(Array.from({ length: 200 }, (_, i) => grant(`outage-${i % 20}`, `outage-${i}`)));
    expect(made.filter((r) => r.status === 201)).toHaveLength(200);
    await broker.resume();
    const ids = await eventually(async () => {
      const current = await analyticsOrderIds();
      expect(current.length).toBeGreaterThanOrEqual(200);
      return current;
    }, 90_000, 500);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(made.map((r) => r.body.order.id)));
  }, 240_000);

  it('(b) grants-analytics killed mid-stream and restarted: ClickHouse matches Postgres, no duplicates', async () => {
    const writes = (async () => {
      for (let i = 0; i < 300; i++) {
        const response = await grant(`crash-${i % 30}`, `crash-${i}`);
        expect(response.status).toBe(201);
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    await apps.kill('grants-analytics', 'SIGKILL');
    await new Promise((r) => setTimeout(r, 1_000));
    await apps.startApp('grants-analytics');
    await writes;
    const expected = await postgresOrderCount();
    expect(expected).toBe(500);
    const ids = await eventually(async () => {
      const current = await analyticsOrderIds();
      expect(current.length).toBe(expected);
      return current;
    }, 90_000, 500);
    expect(new Set(ids).size).toBe(expected);
  }, 240_000);

  it('(c) a poison message goes to the dead-letter topic and later events still flow', async () => {
    const topic = apps.environment.env['ORDER_EVENTS_TOPIC']!;
    const kafka = new Kafka({ clientId: 'fault-test', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'poison-1', value: 'this is not json' },
        { key: 'poison-2', value: JSON.stringify({ event_type: 'order.created', data: { surprise: true } }) },
      ],
    });
    await producer.disconnect();

    const after = await grant('after-poison', 'after-poison');
    expect(after.status).toBe(201);
    await eventually(async () => expect(await analyticsOrderIds()).toContain(after.body.order.id), 60_000, 250);

    const consumer = kafka.consumer({ groupId: `dlq-reader-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: `${topic}.dlq`, fromBeginning: true });
    const dead: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void dead.push(message.key?.toString() ?? '') });
    await eventually(async () => expect(dead.sort()).toEqual(['poison-1', 'poison-2']), 30_000, 250);
    await consumer.disconnect();

    const metrics = await call(apps.environment.urls['grants-analytics'], 'GET', '/metrics');
    expect(metrics.body).toMatch(/grants_events_dead_lettered_total\{reason="invalid-event"\} [1-9]/);
  }, 180_000);
});
