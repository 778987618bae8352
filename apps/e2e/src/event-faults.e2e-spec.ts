import {
  call,
  chdbRows,
  createReward,
  createTenant,
  createTestDatabase,
  eventually,
  orderEventFixture,
  scrapeMetrics,
  settled,
  sqlRows,
  SupervisedApps,
  TestBroker,
  TestDatabase,
  TestReward,
  TestTenant,
} from '@phoenix/testing';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
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

  /** A grant, sent again on a 503 of an overloaded machine: its source_ref makes it one order. */
  const grant = (userId: string, ref: string) =>
    settled(() =>
      call(apps.adminUrl, 'POST', `/v1/tenants/${tenant.id}/grants`, {
        headers: { 'x-api-key': tenant.api_key },
        json: { user_id: userId, reward_id: reward.id, source_type: 'promotion', source_ref: ref },
      }),
    );

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

  const topic = () => apps.environment.env['ORDER_EVENTS_TOPIC']!;
  const kafka = () => new Kafka({ clientId: 'fault-test', brokers: [broker.brokers], logLevel: logLevel.NOTHING });

  /** Per partition of the order events topic, in order: where it ends, and where the ingester's group has committed. */
  async function offsets(admin: Admin): Promise<Array<{ partition: number; end: number; committed: number }>> {
    const ends = await admin.fetchTopicOffsets(topic());
    const [committed] = await admin.fetchOffsets({ groupId: apps.environment.env['INGEST_GROUP_ID']!, topics: [topic()] });
    return ends.map(({ partition, high }) => ({
      partition,
      end: Number(high),
      committed: Math.max(0, Number(committed?.partitions.find((p) => p.partition === partition)?.offset ?? 0)),
    })).sort((a, b) => a.partition - b.partition);
  }

  const uncommitted = (list: Array<{ end: number; committed: number }>) => list.reduce((sum, p) => sum + p.end - p.committed, 0);


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
    let made: Awaited<ReturnType<typeof grant>>[];
    try {
      made = await Promise.all(Array.from({ length: 200 }, (_, i) => grant(`outage-${i % 20}`, `outage-${i}`)));
    } finally {
      await broker.resume(); // whatever happened, the next tests get their broker back
    }
    expect(made.filter((r) => r.status !== 201).map((r) => ({ status: r.status, body: r.body }))).toEqual([]);
    const ids = await eventually(async () => {
      const current = await analyticsOrderIds();
      expect(current.length).toBeGreaterThanOrEqual(200);
      return current;
    }, 90_000, 500);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(made.map((r) => r.body.order.id)));
  }, 240_000);

  it('(b) grants-analytics killed mid-stream and restarted: it reads again what was not committed; ClickHouse matches Postgres', async () => {
    const admin = kafka().admin();
    await admin.connect();
    const endOf = (list: Array<{ end: number }>) => list.reduce((sum, p) => sum + p.end, 0);
    const endAtStart = endOf(await offsets(admin));
    const writes = (async () => {
      for (let i = 0; i < 300; i++) {
        const response = await grant(`crash-${i % 30}`, `crash-${i}`);
        expect(response.status).toBe(201);
      }
    })();
    // The kill lands while the group has not committed everything the topic holds: those
    // events may already be in ClickHouse, and the restarted consumer must read them again.
    // The consumer keeps up with one writer, so a kill timed from outside used to land after
    // its last commit now and then; frozen first (SIGSTOP), it commits nothing more, and the
    // kill comes once events have arrived behind it.
    await eventually(async () => expect(endOf(await offsets(admin))).toBeGreaterThan(endAtStart + 20), 30_000, 20);
    apps.freeze('grants-analytics');
    await new Promise((r) => setTimeout(r, 500)); // a commit already on the wire lands first
    const frozen = await offsets(admin);
    await eventually(async () => expect(uncommitted(await offsets(admin))).toBeGreaterThan(uncommitted(frozen) + 10), 30_000, 50);
    await apps.kill('grants-analytics', 'SIGKILL');
    const atKill = await offsets(admin);
    expect(atKill.map((p) => p.committed)).toEqual(frozen.map((p) => p.committed));
    expect(uncommitted(atKill)).toBeGreaterThan(0);
    const committedAtKill = atKill.reduce((sum, p) => sum + p.committed, 0);
    await apps.startApp('grants-analytics');
    await writes;
    const expected = await postgresOrderCount();
    expect(expected).toBe(500);

    // Settled: every order delivered, every event relayed, and the group at the end of the topic.
    const [postgres] = await eventually(async () => {
      const rows = await sqlRows<{ unfinished: number; unrelayed: number; events: number }>(
        database.url,
        `SELECT (SELECT count(*)::int FROM catalog.orders WHERE tenant_id = $1 AND state <> 'completed') AS unfinished,
                (SELECT count(*)::int FROM catalog.outbox WHERE published_at IS NULL) AS unrelayed,
                (SELECT count(*)::int FROM catalog.outbox WHERE tenant_id = $1) AS events`,
        [tenant.id],
      );
      expect(rows[0]).toMatchObject({ unfinished: 0, unrelayed: 0 });
      expect(uncommitted(await offsets(admin))).toBe(0);
      return rows;
    }, 120_000, 500);
    const ids = await analyticsOrderIds();
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);

    // The restarted consumer read every event from the committed offsets on, those the killed one had too.
    const end = (await offsets(admin)).reduce((sum, p) => sum + p.end, 0);
    const restarted = await scrapeMetrics(apps.environment.opsUrls['grants-analytics']);
    expect(restarted('grants_events_ingested_total')).toBeGreaterThanOrEqual(end - committedAtKill);
    await admin.disconnect();

    // The tables themselves (raw rows, no FINAL), read from the stopped app's chDB.
    await apps.kill('grants-analytics', 'SIGTERM');
    const [raw] = await chdbRows<Record<string, string | number>>(
      apps.environment.env['DATA_DIR']!,
      `SELECT (SELECT uniqExact(order_id) FROM grants WHERE tenant_id = {t:String}) AS orders,
              (SELECT count() FROM grants FINAL WHERE tenant_id = {t:String}) AS grants_final,
              (SELECT uniqExact(event_id) FROM order_events WHERE tenant_id = {t:String}) AS events,
              (SELECT count() FROM order_events FINAL WHERE tenant_id = {t:String}) AS events_final`,
      { t: tenant.id },
    );
    await apps.startApp('grants-analytics');
    expect(Object.fromEntries(Object.entries(raw!).map(([k, v]) => [k, Number(v)]))).toEqual({
      orders: expected,
      grants_final: expected,
      events: postgres!.events,
      events_final: postgres!.events,
    });
  }, 360_000);

  it('(c) poison on every partition goes to the dead-letter topic with its reason, and every partition keeps moving', async () => {
    const admin = kafka().admin();
    await admin.connect();
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic()] })).topics;
    const partitions = metadata!.partitions.map((p) => p.partitionId);
    expect(partitions.length).toBeGreaterThan(1);

    const valid = orderEventFixture({ tenantId: tenant.id });
    const poisons = partitions.flatMap((partition) => [
      { partition, key: `poison-${partition}-not-json`, value: 'this is not json', reason: /JSON/ },
      { partition, key: `poison-${partition}-not-an-event`, value: JSON.stringify({ event_type: 'order.created', data: { surprise: true } }), reason: /event_id/ },
      // A complete event but for its time: it used to pass validation, then break the row
      // conversion outside the dead-letter guard and stop its partition for good.
      {
        partition,
        key: `poison-${partition}-bad-time`,
        value: JSON.stringify({ ...valid, event_id: randomUUID(), data: { ...valid.data, created_at: 'not a time' } }),
        reason: /created_at/,
      },
    ]);
    const producer = kafka().producer();
    await producer.connect();
    await producer.send({ topic: topic(), acks: -1, messages: poisons.map(({ partition, key, value }) => ({ partition, key, value })) });
    await producer.disconnect();
    const afterPoison = await offsets(admin);

    // Later events, until every partition has some behind its poison.
    const later: string[] = [];
    const everyPartitionHasMore = async () => (await offsets(admin)).every((p, i) => p.end > afterPoison[i]!.end);
    while (!(await everyPartitionHasMore())) {
      expect(later.length).toBeLessThan(200);
      const response = await grant(`after-poison-${later.length % 10}`, `after-poison-${later.length}`);
      expect(response.status).toBe(201);
      later.push(response.body.order.id);
    }
    await eventually(async () => expect(await analyticsOrderIds()).toEqual(expect.arrayContaining(later)), 60_000, 250);
    // The group commits past the poison, to the end, on every partition.
    await eventually(async () => expect(uncommitted(await offsets(admin))).toBe(0), 60_000, 250);
    await admin.disconnect();

    const consumer = kafka().consumer({ groupId: `dlq-reader-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: `${topic()}.dlq`, fromBeginning: true });
    const dead = new Map<string, string>();
    await consumer.run({ eachMessage: async ({ message }) => void dead.set(message.key?.toString() ?? '', message.headers?.['error']?.toString() ?? '') });
    try {
      await eventually(async () => expect([...dead.keys()].sort()).toEqual(poisons.map((p) => p.key).sort()), 30_000, 250);
    } finally {
      await consumer.disconnect();
    }
    for (const poison of poisons) expect(dead.get(poison.key)).toMatch(poison.reason);

    const metrics = await scrapeMetrics(apps.environment.opsUrls['grants-analytics']);
    expect(metrics('grants_events_dead_lettered_total', { reason: 'invalid-event' })).toBeGreaterThanOrEqual(poisons.length);
  }, 240_000);
});
