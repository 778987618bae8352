import { call, createReward, createTenant, userToken, type StackInfo, type TestTenant } from '@phoenix/testing';
import { Client } from 'pg';
import { sleep } from './stats';

const P4_USERS = 50;
const WARMUP_ORDERS = 5;

export interface LagOptions {
  orders: number;
  rate: number;
  pollMs: number;
  visibleTimeoutMs: number;
  /** Lookups in flight at most, across all pending orders. */
  maxLookups: number;
}

/** One order's timeline, in ms: performance.now() for durations, Date.now() to meet Postgres' clock. */
interface Timeline {
  orderId: string;
  sentAt: number;
  committedAt: number;
  visibleAt?: number;
  visibleWallMs?: number;
}

export interface LagResult {
  /** POST of the grant until its response (the order and its outbox rows are committed). */
  commit: number[];
  /** Response of the POST until the first lookup that finds the order in the grant history. */
  lag: number[];
  /** Outbox row written until marked published (relay poll wait + Kafka ack), from Postgres. */
  relay: number[];
  /** Marked published until visible (consumer fetch, chDB insert, gateway lookup). */
  downstream: number[];
  /** Every grant-history lookup of the measured orders: the read load P4's polling adds. */
  lookups: number[];
  /** Lookups per second over the measured window (first grant sent to last order visible). */
  lookupRate: number;
  lost: number;
  failures: string[];
  achievedRate: number;
  /** What grants-analytics' ingester did over the measured window, from its /metrics. */
  ingester?: IngesterWork;
}

export interface IngesterWork {
  /** Handler calls that inserted (one per Kafka batch, i.e. per partition fetched). */
  calls: number;
  events: number;
  /** Time in its insert step (row mapping, serialisation, both chDB inserts). */
  insertSeconds: number;
  windowSeconds: number;
}

interface Target {
  stack: Pick<StackInfo, 'adminUrl' | 'queryUrl' | 'platformKey'>;
  tenant: TestTenant;
  rewardId: string;
  token: string;
  options: LagOptions;
  failures: string[];
  /** Lookup latencies, recorded for measured orders only. */
  lookups: number[];
  limiter: Limiter;
}

/**
 * Caps the lookups in flight. grants-analytics answers bound-parameter queries one at a time
 * (chdb-node serialises them process-wide), so uncapped polling of every pending order queues
 * up there, slows every lookup, keeps orders pending longer and so polls even more: the
 * benchmark would measure its own read load. Capped, a slow lookup only coarsens the polling.
 */
class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the slot is handed over
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

/**
 * Grants made at a steady rate through the admin gateway (open loop: a slow answer does not
 * delay the next grant), each then looked up through the query gateway every pollMs until it
 * shows. The lag is measured from the commit (the grant's response), so it covers the outbox
 * relay, Kafka, the consumer, chDB and the read path, and nothing of the write path.
 */
export async function measureLag(stack: StackInfo, databaseUrl: string, options: LagOptions): Promise<LagResult> {
  const metricsUrl = `${stack.opsUrls['grants-analytics']}/metrics`;
  const tenant = await createTenant(stack);
  const reward = await createReward(stack, tenant, { fields: [], fulfillment: { type: 'manual' }, requires_claim: false, stock: null });
  const token = userToken(tenant.jwt_secret, { sub: 'bench-p4', tenant_id: tenant.id, role: 'service' }, { expiresIn: 3600 });
  const target: Target = { stack, tenant, rewardId: reward.id, token, options, failures: [], lookups: [], limiter: new Limiter(options.maxLookups) };

  // Connections, JIT and the gateways' credential caches warm up on orders that are not measured.
  for (let i = 0; i < WARMUP_ORDERS; i++) await track(target, 'warm', i);

  const before = await ingesterCounters(metricsUrl);
  const started = performance.now();
  const interval = 1000 / options.rate;
  const pending: Array<Promise<Timeline | null>> = [];
  for (let i = 0; i < options.orders; i++) {
    await sleep(Math.max(0, started + i * interval - performance.now()));
    pending.push(track(target, 'run', i));
  }
  const achievedRate = options.orders / ((performance.now() - started) / 1000);
  const timelines = (await Promise.all(pending)).filter((t): t is Timeline => t !== null);
  const window = (performance.now() - started) / 1000;
  const after = await ingesterCounters(metricsUrl);
  return {
    ...(before && after ? { ingester: { ...difference(after, before), windowSeconds: window } } : {}),
    ...(await breakdown(databaseUrl, tenant.id, timelines)),
    lookups: target.lookups,
    lookupRate: target.lookups.length / window,
    lost: options.orders - timelines.filter((t) => t.visibleAt !== undefined).length,
    failures: target.failures,
    achievedRate,
  };
}

/** Makes one grant and follows it until it is visible; null when the grant itself failed. */
async function track(target: Target, phase: string, index: number): Promise<Timeline | null> {
  const { stack, tenant } = target;
  const userId = `p4_user_${index % P4_USERS}`;
  const sentAt = performance.now();
  const response = await call<{ order: { id: string } }>(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/grants`, {
    headers: { 'x-api-key': tenant.api_key },
    json: { user_id: userId, reward_id: target.rewardId, source_type: 'bench', source_ref: `p4-${phase}-${index}` },
  });
  const committedAt = performance.now();
  if (response.status !== 201) {
    target.failures.push(`grant ${phase}-${index}: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
    return null;
  }
  const timeline: Timeline = { orderId: response.body.order.id, sentAt, committedAt };
  await waitVisible(target, userId, timeline, phase === 'run');
  return timeline;
}

/**
 * Polls the user's grant every pollMs (or as often as the lookup cap lets it); the time of the
 * first 200 answer is when the user would see it.
 */
async function waitVisible(target: Target, userId: string, timeline: Timeline, measured: boolean): Promise<void> {
  const { stack, token, options } = target;
  const path = `/v1/orders/user/${encodeURIComponent(userId)}/${timeline.orderId}`;
  while (performance.now() - timeline.committedAt < options.visibleTimeoutMs) {
    const asked = performance.now();
    const { status, tookMs } = await target.limiter.run(async () => {
      const sent = performance.now();
      const response = await fetch(`${stack.queryUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      return { status: response.status, tookMs: performance.now() - sent };
    });
    if (measured) target.lookups.push(tookMs);
    if (status === 200) {
      timeline.visibleAt = performance.now();
      timeline.visibleWallMs = Date.now();
      return;
    }
    if (status !== 404) target.failures.push(`lookup ${timeline.orderId}: HTTP ${status}`);
    await sleep(Math.max(0, options.pollMs - (performance.now() - asked)));
  }
}

/** Splits each lag at the moment the relay marked the order.created outbox row published. */
async function breakdown(databaseUrl: string, tenantId: string, timelines: Timeline[]): Promise<Pick<LagResult, 'commit' | 'lag' | 'relay' | 'downstream'>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ order_id: string; created_ms: number; published_ms: number | null }>(
      `SELECT aggregate_id AS order_id, extract(epoch FROM created_at)::float8 * 1000 AS created_ms,
              extract(epoch FROM published_at)::float8 * 1000 AS published_ms
       FROM catalog.outbox WHERE tenant_id = $1 AND event_type = 'order.created'`,
      [tenantId],
    );
    const outbox = new Map(rows.map((row) => [row.order_id, row]));
    const result = { commit: [] as number[], lag: [] as number[], relay: [] as number[], downstream: [] as number[] };
    for (const timeline of timelines) {
      result.commit.push(timeline.committedAt - timeline.sentAt);
      if (timeline.visibleAt === undefined || timeline.visibleWallMs === undefined) continue;
      result.lag.push(timeline.visibleAt - timeline.committedAt);
      const row = outbox.get(timeline.orderId);
      if (row?.published_ms == null) continue;
      result.relay.push(row.published_ms - row.created_ms);
      result.downstream.push(timeline.visibleWallMs - row.published_ms);
    }
    return result;
  } finally {
    await client.end();
  }
}

type Counters = Omit<IngesterWork, 'windowSeconds'>;

/** The ingester's own insert metrics (histograms: _count = calls, _sum = events or seconds). */
async function ingesterCounters(metricsUrl: string): Promise<Counters | undefined> {
  try {
    const text = await (await fetch(metricsUrl)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
    return {
      calls: value('clickhouse_insert_batch_size_count'),
      events: value('clickhouse_insert_batch_size_sum'),
      insertSeconds: value('clickhouse_insert_duration_seconds_sum'),
    };
  } catch {
    return undefined; // the breakdown is a bonus: P4 stands without it
  }
}

function difference(after: Counters, before: Counters): Counters {
  return { calls: after.calls - before.calls, events: after.events - before.events, insertSeconds: after.insertSeconds - before.insertSeconds };
}
