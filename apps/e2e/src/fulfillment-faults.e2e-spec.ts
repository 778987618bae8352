import {
  AppBeside,
  call,
  createReward,
  createTenant,
  createTestDatabase,
  embeddedDatabaseUrl,
  eventually,
  freePorts,
  RunningStack,
  scrapeMetrics,
  settled,
  sqlRows,
  startBuiltApp,
  startStack,
  SupervisedApps,
  TestDatabase,
  TestReceiver,
  TestTenant,
} from '@phoenix/testing';
import { Kafka, logLevel } from 'kafkajs';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');
const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';

/** What the fault scenarios need of a run mode: its admin API, its database, and a crash of order-fulfillment. */
interface FaultTarget {
  tenant: TestTenant;
  adminUrl(): string;
  sql<T>(text: string, params: unknown[]): Promise<T[]>;
  /** Kills order-fulfillment with SIGKILL (standalone: the whole process) and waits until it is gone. */
  crash(): Promise<void>;
  restart(): Promise<void>;
}

const adminCall = (target: FaultTarget, method: string, path: string, json?: unknown) =>
  call(target.adminUrl(), method, `/v1/tenants/${target.tenant.id}${path}`, { headers: { 'x-api-key': target.tenant.api_key }, ...(json !== undefined ? { json } : {}) });

const completedOrder = (target: FaultTarget, orderId: string, timeoutMs = 30_000) =>
  eventually(
    async () => {
      const current = (await adminCall(target, 'GET', `/reward-orders/${orderId}`)).body;
      expect(current.status.state).toBe('completed');
      return current;
    },
    timeoutMs,
    250,
  );

/** `order.completed` events written for an order: one, however often it was fulfilled. */
const completions = (target: FaultTarget, orderId: string) =>
  target.sql<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.outbox WHERE aggregate_id = $1 AND event_type = 'order.completed'`, [orderId]);

/**
 * The tenant takes the call and does the work, and order-fulfillment dies before it hears
 * back. After the restart (and the lease) the call is repeated with the same idempotency key,
 * the tenant answers with the id it already gave, and the order completes once.
 */
async function crashAfterTenantCall(target: FaultTarget): Promise<void> {
  const delivered = new Map<string, string>();
  let crashed: Promise<void> | undefined;
  const receiver = await TestReceiver.start(target.tenant.webhook_secret, (received) => {
    const key = String(received.headers['idempotency-key']);
    if (!crashed) {
      delivered.set(key, 'EXT-ONCE');
      crashed = target.crash(); // the tenant did the work; the caller dies before it hears back
      return 'hang';
    }
    return { status: 200, body: { external_id: delivered.get(key) ?? 'EXT-NEW' } };
  });
  try {
    await adminCall(target, 'PUT', '/settings', { fulfillment_url: receiver.url });
    const reward = await createReward({ adminUrl: target.adminUrl() }, target.tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'api' } });
    const order = (await adminCall(target, 'POST', '/grants', { user_id: 'crash-user', reward_id: reward.id, source_type: 'admin', source_ref: 'crash' })).body.order;
    await eventually(async () => expect(crashed).toBeDefined(), 30_000);
    await crashed;
    await target.restart();
    const done = await completedOrder(target, order.id, 90_000);
    expect(done.status.data).toEqual({ type: 'api', external_id: 'EXT-ONCE' });
    expect(receiver.calls.map((c) => c.headers['idempotency-key'])).toEqual([order.id, order.id]);
    expect(receiver.unsigned).toEqual([]);
    expect(await completions(target, order.id)).toEqual([{ n: 1 }]);
  } finally {
    await receiver.close();
  }
}

const gemsReward = (target: FaultTarget) =>
  createReward({ adminUrl: target.adminUrl() }, target.tenant, {
    fields: [],
    purchase: null,
    stock: null,
    fulfillment: { type: 'wallet', item_type: 'currency', currency: 'gems', amount: 70 },
  });

/**
 * Jobs for further rounds of an order, as if it had entered fulfilling again: the job dedup
 * cannot tell them apart, so only rewards-catalog's own idempotency keeps the credit single.
 */
const addJobsOfLaterRounds = (target: FaultTarget, orderId: string, rounds: number) =>
  target.sql(
    `INSERT INTO fulfillment.jobs (id, tenant_id, order_id, round, kind, max_attempts, backoff_seconds, payload, next_run_at)
     SELECT gen_random_uuid(), tenant_id, aggregate_id::uuid, (envelope->'data'->>'version')::int + extra, 'wallet', 3, '[1]', envelope->'data', now()
     FROM catalog.outbox, generate_series(1, $2::int) AS extra WHERE aggregate_id = $1 AND event_type = 'order.fulfilling'`,
    [orderId, rounds],
  );

/** Every job of the order ran, and the wallet was credited once. */
async function expectCreditedOnce(target: FaultTarget, orderId: string, userId: string, jobs: number): Promise<void> {
  await eventually(async () => {
    const rows = await target.sql<{ state: string }>(`SELECT state FROM fulfillment.jobs WHERE order_id = $1`, [orderId]);
    expect(rows.map((r) => r.state)).toEqual(Array.from({ length: jobs }, () => 'done'));
  }, 30_000);
  const ledger = await target.sql<{ n: number; total: number }>(
    `SELECT count(*)::int AS n, COALESCE(sum(amount), 0)::int AS total FROM catalog.wallet_ledger WHERE tenant_id = $1 AND reference = $2`,
    [target.tenant.id, orderId],
  );
  expect(ledger).toEqual([{ n: 1, total: 70 }]);
  expect((await adminCall(target, 'GET', `/wallets/${userId}`)).body.balances).toEqual({ gems: 70 });
  expect(await completions(target, orderId)).toEqual([{ n: 1 }]);
}

/** One more order-fulfillment process beside the supervised one: same database, bus, groups and settings; ports of its own. */
async function startFulfillmentReplica(apps: SupervisedApps): Promise<AppBeside> {
  const [httpPort, rpcPort] = await freePorts(2);
  const env = { ...apps.environment.env, ORDER_FULFILLMENT_HTTP_PORT: String(httpPort), ORDER_FULFILLMENT_PORT: String(rpcPort) };
  const logFile = join(apps.environment.logDir, 'order-fulfillment-replica.log');
  return startBuiltApp(workspaceRoot, 'order-fulfillment', env, logFile, `http://127.0.0.1:${httpPort}`);
}

/** API fulfillments an order-fulfillment process completed so far (its /metrics). */
const apiCompleted = async (url: string) => (await scrapeMetrics(url))('fulfillment_attempts_total', { type: 'api', outcome: 'completed' });

// Crash tests of order-fulfillment: the apps run as processes the test can kill.
describe('fulfillment under faults (distributed, supervised apps)', () => {
  let database: TestDatabase;
  let apps: SupervisedApps;
  let target: FaultTarget;

  beforeAll(async () => {
    database = await createTestDatabase('phoenix_fulfil_faults');
    apps = await SupervisedApps.start({ workspaceRoot, databaseUrl: database.url, kafkaBrokers: BROKERS });
    target = {
      tenant: await createTenant({ adminUrl: apps.adminUrl, platformKey: apps.platformKey }),
      adminUrl: () => apps.adminUrl,
      sql: (text, params) => sqlRows(database.url, text, params),
      crash: async () => void (await apps.kill('order-fulfillment', 'SIGKILL')),
      restart: () => apps.startApp('order-fulfillment'),
    };
  }, 120_000);

  afterAll(async () => {
    await apps?.stopAll();
    await database?.drop();
  }, 60_000);

  it('two replicas share the jobs: 40 API orders complete once each, and the tenant sees each idempotency key once', async () => {
    const replica = await startFulfillmentReplica(apps);
    const seen = new Map<string, number>();
    const receiver = await TestReceiver.start(target.tenant.webhook_secret, async (received) => {
      const key = String(received.headers['idempotency-key']);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 100)); // a tenant that takes its time: the replicas' jobs overlap
      return { status: 200, body: { external_id: `EXT-${key}` } };
    });
    try {
      const urls = [apps.environment.opsUrls['order-fulfillment'], replica.url];
      const before = await Promise.all(urls.map(apiCompleted));
      await adminCall(target, 'PUT', '/settings', { fulfillment_url: receiver.url });
      const reward = await createReward({ adminUrl: apps.adminUrl }, target.tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'api' } });
      const orders: Array<{ id: string }> = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const grant = { user_id: `replicated-${i}`, reward_id: reward.id, source_type: 'admin', source_ref: 'replicas' };
          const granted = await settled(() => adminCall(target, 'POST', '/grants', grant));
          return granted.body.order;
        }),
      );
      // The first completion also waits for the consumer groups to take the replica in.
      for (const order of orders) expect((await completedOrder(target, order.id, 90_000)).status.data).toEqual({ type: 'api', external_id: `EXT-${order.id}` });

      expect([...seen.entries()].sort()).toEqual(orders.map((o) => [o.id, 1]).sort());
      expect(receiver.unsigned).toEqual([]);
      const events = await target.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM catalog.outbox WHERE aggregate_id = ANY($1) AND event_type = 'order.completed' GROUP BY aggregate_id`,
        [orders.map((o) => o.id)],
      );
      expect(events).toEqual(orders.map(() => ({ n: 1 })));
      const jobs = await target.sql<{ state: string; attempts: number; n: number }>(
        `SELECT state, attempts, count(*)::int AS n FROM fulfillment.jobs WHERE order_id = ANY($1::uuid[]) GROUP BY state, attempts`,
        [orders.map((o) => o.id)],
      );
      expect(jobs).toEqual([{ state: 'done', attempts: 1, n: 40 }]);
      // Each replica completed some of them; together, each order once.
      const after = await Promise.all(urls.map(apiCompleted));
      const done = after.map((n, i) => n - before[i]!);
      expect(done[0]! + done[1]!).toBe(40);
      expect(Math.min(...done)).toBeGreaterThan(0);
    } finally {
      await receiver.close();
      await replica.stop();
    }
  }, 180_000);

  it('killed after the tenant call, before the state write: the call is repeated with the same idempotency key and the order completes once', () =>
    crashAfterTenantCall(target), 150_000);

  it('wallet fulfillment with its event delivered twice, and two more jobs racing for it, credits once', async () => {
    // order-fulfillment is down while the order enters fulfilling: everything below waits for it.
    await apps.kill('order-fulfillment', 'SIGKILL');
    const reward = await gemsReward(target);
    const order = (await adminCall(target, 'POST', '/grants', { user_id: 'twice', reward_id: reward.id, source_type: 'admin', source_ref: 'twice' })).body.order;

    // The same order.fulfilling event twice more, as a redelivery would bring it (the job dedup's case)…
    const [row] = await target.sql<{ envelope: unknown }>(`SELECT envelope FROM catalog.outbox WHERE aggregate_id = $1 AND event_type = 'order.fulfilling'`, [order.id]);
    const kafka = new Kafka({ clientId: 'redelivery-test', brokers: [BROKERS], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const copy = { key: order.id, value: JSON.stringify(row!.envelope) };
    await producer.send({ topic: apps.environment.env['ORDER_EVENTS_TOPIC']!, acks: -1, messages: [copy, copy] });
    await producer.disconnect();
    // …and two jobs of later rounds, due at once: the workers run them side by side (the catalog's case).
    await addJobsOfLaterRounds(target, order.id, 2);

    await apps.startApp('order-fulfillment');
    await completedOrder(target, order.id);
    const group = apps.environment.env['FULFILLMENT_GROUP_ID']!;
    await eventually(async () => expect((await scrapeMetrics(apps.environment.opsUrls['order-fulfillment']))('kafka_consumer_lag_messages', { group })).toBe(0), 30_000);
    await expectCreditedOnce(target, order.id, 'twice', 3);
  }, 120_000);

  it('rewards-catalog out of reach: a wallet order waits without spending attempts, and completes soon after it is back', async () => {
    const reward = await gemsReward(target);
    const job = async () => (await target.sql<{ state: string; attempts: number; last_error: string | null }>(`SELECT state, attempts, last_error FROM fulfillment.jobs`, [])).find(() => true);
    await target.sql(`DELETE FROM fulfillment.jobs`, []); // only this test's job from here on
    await apps.kill('order-fulfillment', 'SIGTERM');
    const order = (await adminCall(target, 'POST', '/grants', { user_id: 'outage', reward_id: reward.id, source_type: 'admin', source_ref: 'outage' })).body.order;
    // The catalog relays the order's events before it goes.
    const relayed = `SELECT 1 FROM catalog.outbox WHERE aggregate_id = $1 AND event_type = 'order.fulfilling' AND published_at IS NOT NULL`;
    await eventually(async () => expect(await target.sql(relayed, [order.id])).toHaveLength(1), 30_000);
    await apps.kill('rewards-catalog', 'SIGKILL');
    await apps.startApp('order-fulfillment', 60_000, 'live'); // not ready: its catalog is gone

    // Attempt after attempt meets no catalog; none is counted (the wallet retry allows 10).
    const unavailable = async () =>
      (await scrapeMetrics(apps.environment.opsUrls['order-fulfillment']))('fulfillment_attempts_total', { type: 'wallet', outcome: 'unavailable' });
    await eventually(async () => expect(await unavailable()).toBeGreaterThanOrEqual(3), 60_000, 500);
    expect(await job()).toMatchObject({ state: 'pending', attempts: 0, last_error: expect.stringMatching(/rewards-catalog/) });

    await apps.startApp('rewards-catalog');
    const back = Date.now();
    await completedOrder(target, order.id, 30_000);
    // Due again every 2 s: done within a few seconds of the catalog answering, not a backoff later.
    expect(Date.now() - back).toBeLessThan(15_000);
    expect(await job()).toMatchObject({ state: 'done', attempts: 1 });
    await expectCreditedOnce(target, order.id, 'outage', 1);
  }, 180_000);
});

// The same faults in standalone mode: one process (embedded Postgres under its DATA_DIR, the
// in-process bus), killed and restarted as a whole. The test reads the embedded database
// through its socket, with the password the running process publishes in standalone.json.
describe('fulfillment under faults (standalone process)', () => {
  let stack: RunningStack;
  let target: FaultTarget;

  beforeAll(async () => {
    const start = (dataDir?: string) => startStack('standalone', { workspaceRoot, ...(dataDir ? { dataDir } : {}) });
    stack = await start();
    target = {
      tenant: await createTenant(stack),
      adminUrl: () => stack.adminUrl,
      sql: (text, params) => sqlRows(embeddedDatabaseUrl(stack.dataDir!), text, params),
      crash: async () => {
        process.kill(stack.pid, 'SIGKILL');
        await stack.stop(); // gone already: this only waits for its exit
      },
      restart: async () => {
        stack = await start(stack.dataDir);
      },
    };
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('killed after the tenant call, before the state write: on restart the call is repeated with the same idempotency key and the order completes once', () =>
    crashAfterTenantCall(target), 180_000);

  it('wallet fulfillment with its event delivered twice, and two more jobs for it, credits once', async () => {
    const reward = await gemsReward(target);
    const order = (await adminCall(target, 'POST', '/grants', { user_id: 'twice', reward_id: reward.id, source_type: 'admin', source_ref: 'twice' })).body.order;
    await completedOrder(target, order.id);
    // Unpublished again, the order.fulfilling event goes through the in-process bus a second time.
    const fulfilling = `aggregate_id = $1 AND event_type = 'order.fulfilling'`;
    await target.sql(`UPDATE catalog.outbox SET published_at = NULL WHERE ${fulfilling}`, [order.id]);
    await eventually(async () => expect(await target.sql(`SELECT 1 FROM catalog.outbox WHERE ${fulfilling} AND published_at IS NOT NULL`, [order.id])).toHaveLength(1), 30_000);
    expect(await target.sql(`SELECT 1 FROM fulfillment.jobs WHERE order_id = $1`, [order.id])).toHaveLength(1);
    await addJobsOfLaterRounds(target, order.id, 2);
    await expectCreditedOnce(target, order.id, 'twice', 3);
  }, 120_000);
});
