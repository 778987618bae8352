import type { ClickHouseClient } from '@clickhouse/client';
import {
  EventEnvelope,
  EventType,
  GrantListSchema,
  GrantStatsSchema,
  GrantSummarySchema,
  GrantViewSchema,
  OrderEventData,
  OrderEventDataSchema,
  OrderState,
  parseEvent,
} from '@phoenix/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { GrantQueries } from './grant-queries';
import { toGrantRow, toOrderEventRow } from './grant-rows';
import { migrateClickHouse } from './migrator';
import { CLICKHOUSE_MIGRATIONS } from './migrations';
import { createTestClickHouse, TestClickHouse } from './test-clickhouse';

// On the ClickHouse server of CLICKHOUSE_URL when the test run has one (a database of this file's
// own), else on chDB. chDB is one engine per process: ONE client for the whole file, a fresh
// tenant per test.
let store: TestClickHouse;
let client: ClickHouseClient;
let queries: GrantQueries;
let firstRun: string[];

beforeAll(async () => {
  store = await createTestClickHouse('phoenix_grants');
  client = store.client;
  firstRun = await migrateClickHouse(client);
  queries = new GrantQueries(client);
}, 30_000);

afterAll(async () => {
  await store?.drop();
});

const newTenant = () => `t-${randomBytes(5).toString('hex')}`;

const REWARD_GEMS = '6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f';
const REWARD_BADGE = '1a2b3c4d-5e6f-4a8b-9c0d-e1f2a3b4c5d6';
const REWARD_NAMES: Record<string, string> = { [REWARD_GEMS]: '1000 Gems', [REWARD_BADGE]: 'Champion Badge' };

const STATE_EVENT: Record<OrderState, EventType> = {
  pending_claim: 'order.created',
  fulfilling: 'order.fulfilling',
  completed: 'order.completed',
  failed: 'order.failed',
  expired: 'order.expired',
  refunded: 'order.refunded',
};

interface OrderSpec {
  tenant: string;
  orderId?: string;
  user?: string;
  sourceType?: string;
  sourceRef?: string | null;
  sourceContext?: string | null;
  at: string;
  reward?: string;
  state?: OrderState;
  version?: number;
  metadata?: Record<string, unknown>;
}

/** A valid order event (envelope and snapshot checked by the contracts' own parser). */
function orderEvent(spec: OrderSpec): EventEnvelope<OrderEventData> {
  const orderId = spec.orderId ?? randomUUID();
  const state = spec.state ?? 'completed';
  const reward = spec.reward ?? REWARD_GEMS;
  const purchase = spec.sourceType === 'purchase';
  const data = OrderEventDataSchema.parse({
    order_id: orderId,
    user_id: spec.user ?? 'user_1',
    reward_id: reward,
    reward_slug: reward === REWARD_GEMS ? 'gems-1000' : 'champion-badge',
    reward_name: REWARD_NAMES[reward],
    variant_id: 'default',
    state,
    status: { state },
    source_type: spec.sourceType ?? 'leaderboard',
    source_ref: purchase ? null : spec.sourceRef === undefined ? 'weekly-lb' : spec.sourceRef,
    source_name: purchase ? null : 'Weekly Top Players',
    // The catalog sets a purchase's context to its order id.
    source_context: purchase ? orderId : (spec.sourceContext ?? null),
    metadata: spec.metadata ?? {},
    fulfillment_type: 'wallet',
    fulfillment:
      reward === REWARD_GEMS
        ? { type: 'wallet', item_type: 'currency', currency: 'gems', amount: 1000 }
        : { type: 'wallet', item_type: 'badge', item_id: 'badge_champion' },
    fulfillment_data: null,
    price: purchase ? { currency: 'coins', amount: 300 } : null,
    requires_claim: false,
    expires_at: null,
    created_at: spec.at,
    updated_at: spec.at,
    version: spec.version ?? 1,
  });
  const event = {
    event_id: randomUUID(),
    event_type: STATE_EVENT[state],
    event_version: 1,
    tenant_id: spec.tenant,
    occurred_at: spec.at,
    data,
  };
  return parseEvent(event) as EventEnvelope<OrderEventData>;
}

/**
 * Inserts grant rows. Every insert carries its own deduplication token: chDB's connection
 * applies `clickhouse_settings` as session-wide `SET`s, so a token from an earlier insert
 * would otherwise stick to later ones (and silently drop them); a server deduplicates the
 * tables' inserts too (non_replicated_deduplication_window), by the data's hash without one.
 */
async function insertGrants(events: Array<EventEnvelope<OrderEventData>>): Promise<void> {
  await insertRows('grants', events.map(toGrantRow));
}

async function insertRows(table: 'grants' | 'order_events', values: object[]): Promise<void> {
  await client.insert({ table, values, format: 'JSONEachRow', clickhouse_settings: { insert_deduplication_token: `test-${randomUUID()}` } });
}

/**
 * Inserts events into both tables as the ingester stores them (read model, then history), one
 * insert after the other with a token each. The ingester itself, tokens and redelivery included,
 * is tested in apps/grants-analytics/src/ingest/grant-ingester.int-spec.ts.
 */
async function ingestBatch(events: Array<EventEnvelope<OrderEventData>>): Promise<void> {
  await insertGrants(events);
  await client.insert({
    table: 'order_events',
    values: events.map(toOrderEventRow),
    format: 'JSONEachRow',
    clickhouse_settings: { insert_deduplication_token: `test-${randomUUID()}` },
  });
}

async function scalar(query: string, params: Record<string, unknown> = {}): Promise<number> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  const [row] = await result.json<{ n: string | number }>();
  return Number(row?.n);
}

const ids = (list: { grants: Array<{ order_id: string }> }) => list.grants.map((g) => g.order_id);

describe('migrations', () => {
  it('apply once; a second run applies nothing', async () => {
    expect(firstRun).toEqual(['001_grants', '002_order_events', '003_dead_letters']);
    await expect(migrateClickHouse(client)).resolves.toEqual([]);

    const tables = await client.query({
      query: `SELECT name FROM system.tables WHERE database = currentDatabase() AND name IN ('grants', 'order_events', 'dead_letters') ORDER BY name`,
      format: 'JSONEachRow',
    });
    expect((await tables.json<{ name: string }>()).map((t) => t.name)).toEqual(['dead_letters', 'grants', 'order_events']);
    const applied = await client.query({ query: 'SELECT version, name FROM schema_migrations FINAL ORDER BY version', format: 'JSONEachRow' });
    expect((await applied.json<{ version: number; name: string }>()).map((m) => [Number(m.version), m.name])).toEqual([
      [1, '001_grants'],
      [2, '002_order_events'],
      [3, '003_dead_letters'],
    ]);
  });

  it('refuse a migration that changed after it was applied', async () => {
    const changed = CLICKHOUSE_MIGRATIONS.map((m) => (m.version === 2 ? { ...m, sql: `${m.sql}\n-- edited\n` } : m));
    await expect(migrateClickHouse(client, changed)).rejects.toThrow(/002_order_events changed after it was applied \(checksum mismatch\)/);
    // Nothing was recorded for it.
    await expect(scalar('SELECT count() AS n FROM schema_migrations FINAL')).resolves.toBe(3);
  });

  it('apply only a new migration added after the applied ones', async () => {
    const next = { version: 4, name: '004_probe', sql: 'CREATE TABLE IF NOT EXISTS migration_probe (id UInt32) ENGINE = MergeTree ORDER BY id;\n' };
    await expect(migrateClickHouse(client, [...CLICKHOUSE_MIGRATIONS, next])).resolves.toEqual(['004_probe']);
    await expect(migrateClickHouse(client, [...CLICKHOUSE_MIGRATIONS, next])).resolves.toEqual([]);
    await expect(scalar(`SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = 'migration_probe'`)).resolves.toBe(1);
  });
});

describe('ingest deduplication', () => {
  it('the same rows under another token are written, and FINAL still shows one grant per order', async () => {
    const tenant = newTenant();
    const event = orderEvent({ tenant, at: '2025-03-02T10:00:00.000Z' });
    await insertGrants([event]);
    await insertGrants([event]);
    await expect(scalar('SELECT count() AS n FROM grants WHERE tenant_id = {t:String}', { t: tenant })).resolves.toBe(2);
    await expect(queries.list({ tenantId: tenant }, 50, 0)).resolves.toMatchObject({ total: 1, grants: [{ order_id: event.data.order_id }] });
  });
});

describe('latest version wins (FINAL)', () => {
  it('list, one, summary and stats show only the latest state of an order', async () => {
    const tenant = newTenant();
    const orderId = randomUUID();
    const at = '2025-04-01T09:00:00.000Z';
    await insertGrants([orderEvent({ tenant, orderId, at, state: 'fulfilling', version: 1 })]);
    await insertGrants([orderEvent({ tenant, orderId, at, state: 'completed', version: 2 })]);
    await insertGrants([orderEvent({ tenant, orderId, at, state: 'refunded', version: 3 })]);
    // A late, older event must not win over the newer one.
    await insertGrants([orderEvent({ tenant, orderId, at, state: 'completed', version: 2 })]);

    const list = await queries.list({ tenantId: tenant }, 50, 0);
    expect(list.total).toBe(1);
    expect(list.grants).toHaveLength(1);
    expect(list.grants[0]).toMatchObject({ order_id: orderId, state: 'refunded' });
    await expect(queries.one({ tenantId: tenant, userId: 'user_1', orderId })).resolves.toMatchObject({ state: 'refunded' });
    await expect(queries.summary({ tenantId: tenant, userId: 'user_1' })).resolves.toEqual({ total_grants: 1, by_source: [{ source_type: 'leaderboard', count: 1 }] });
    const stats = await queries.stats({ tenantId: tenant });
    expect(stats.total_grants).toBe(1);
    expect(stats.by_state).toEqual([{ state: 'refunded', count: 1 }]);
    // By state, the superseded versions are gone too.
    await expect(queries.list({ tenantId: tenant, state: 'completed' }, 50, 0)).resolves.toMatchObject({ total: 0, grants: [] });
  });
});

describe('read side over one data set', () => {
  // One tenant with five grants (newest first: d, c, e, b, a), plus a neighbour tenant.
  const tenant = newTenant();
  const neighbour = newTenant();
  const u1 = 'user.one@example.com:7';
  const u2 = 'user_2';
  const o = { a: randomUUID(), b: randomUUID(), c: randomUUID(), d: randomUUID(), e: randomUUID() };
  const purchaseMetadata = { note: `it's "quoted" \\ ünïcode ✓\nline`, nested: { list: [1, 'two', null] } };

  beforeAll(async () => {
    await insertGrants([
      orderEvent({ tenant, orderId: o.a, user: u1, at: '2025-01-01T10:00:00.000Z', sourceType: 'leaderboard', sourceRef: 'weekly-lb', sourceContext: '2025-W01', metadata: { rank: 1 } }),
      orderEvent({ tenant, orderId: o.b, user: u1, at: '2025-01-02T10:00:00.000Z', sourceType: 'coupon', sourceRef: 'NEWYEAR2025', reward: REWARD_BADGE }),
      orderEvent({ tenant, orderId: o.c, user: u1, at: '2025-01-03T10:00:00.000Z', sourceType: 'purchase', state: 'fulfilling', metadata: purchaseMetadata }),
      orderEvent({ tenant, orderId: o.e, user: u2, at: '2025-01-02T12:00:00.000Z', sourceType: 'leaderboard', sourceRef: 'weekly-lb' }),
    ]);
    await insertGrants([
      orderEvent({ tenant, orderId: o.d, user: u1, at: '2025-01-03T12:00:00.000Z', sourceType: 'leaderboard', sourceRef: 'monthly-lb', reward: REWARD_BADGE, state: 'failed', version: 2 }),
      orderEvent({ tenant: neighbour, user: u1, at: '2025-01-02T10:00:00.000Z', sourceType: 'leaderboard', sourceRef: 'weekly-lb' }),
    ]);
  });

  describe('list', () => {
    it('all of a tenant, newest first, as valid views', async () => {
      const list = await queries.list({ tenantId: tenant }, 50, 0);
      expect(ids(list)).toEqual([o.d, o.c, o.e, o.b, o.a]);
      expect(list).toMatchObject({ total: 5, limit: 50, offset: 0 });
      expect(GrantListSchema.parse(list)).toEqual(list);
    });

    it('returns the stored grant as the API view (time, source, payload, metadata)', async () => {
      const list = await queries.list({ tenantId: tenant, userId: u1 }, 50, 0);
      const purchase = list.grants.find((g) => g.order_id === o.c)!;
      expect(purchase).toEqual({
        grant_id: o.c,
        grant_time: '2025-01-03T10:00:00.000Z',
        user_id: u1,
        source_type: 'purchase',
        source_id: o.c,
        source_name: '',
        source_context: o.c,
        item_id: REWARD_GEMS,
        item_name: '1000 Gems',
        reward_type: 'currency',
        payload: { currency: 'gems', amount: 1000 },
        metadata: purchaseMetadata,
        order_id: o.c,
        state: 'fulfilling',
      });
      const leaderboard = list.grants.find((g) => g.order_id === o.a)!;
      expect(leaderboard).toMatchObject({ source_id: 'weekly-lb', source_name: 'Weekly Top Players', source_context: '2025-W01', metadata: { rank: 1 } });
      const badge = list.grants.find((g) => g.order_id === o.b)!;
      expect(badge).toMatchObject({ reward_type: 'badge', payload: { item_id: 'badge_champion' }, source_context: 'NEWYEAR2025' });
    });

    it('by user', async () => {
      await expect(queries.list({ tenantId: tenant, userId: u1 }, 50, 0).then(ids)).resolves.toEqual([o.d, o.c, o.b, o.a]);
      await expect(queries.list({ tenantId: tenant, userId: u2 }, 50, 0).then(ids)).resolves.toEqual([o.e]);
      await expect(queries.list({ tenantId: tenant, userId: 'nobody' }, 50, 0)).resolves.toEqual({ grants: [], total: 0, limit: 50, offset: 0 });
    });

    it('by source type', async () => {
      await expect(queries.list({ tenantId: tenant, sourceType: 'leaderboard' }, 50, 0).then(ids)).resolves.toEqual([o.d, o.e, o.a]);
      await expect(queries.list({ tenantId: tenant, userId: u1, sourceType: 'leaderboard' }, 50, 0).then(ids)).resolves.toEqual([o.d, o.a]);
      await expect(queries.list({ tenantId: tenant, sourceType: 'coupon' }, 50, 0).then(ids)).resolves.toEqual([o.b]);
      await expect(queries.list({ tenantId: tenant, sourceType: 'streak' }, 50, 0).then(ids)).resolves.toEqual([]);
    });

    it('by source id (a purchase is found by its order id)', async () => {
      const weekly = await queries.list({ tenantId: tenant, sourceId: 'weekly-lb' }, 50, 0);
      expect(ids(weekly)).toEqual([o.e, o.a]);
      expect(weekly.total).toBe(2);
      await expect(queries.list({ tenantId: tenant, sourceId: o.c }, 50, 0).then(ids)).resolves.toEqual([o.c]);
      await expect(queries.list({ tenantId: tenant, sourceType: 'leaderboard', sourceId: 'monthly-lb' }, 50, 0).then(ids)).resolves.toEqual([o.d]);
    });

    it('by time: from is inclusive, to is exclusive', async () => {
      const window = await queries.list({ tenantId: tenant, from: '2025-01-02T10:00:00.000Z', to: '2025-01-03T10:00:00.000Z' }, 50, 0);
      expect(ids(window)).toEqual([o.e, o.b]);
      expect(window.total).toBe(2);
      await expect(queries.list({ tenantId: tenant, from: '2025-01-03T00:00:00Z' }, 50, 0).then(ids)).resolves.toEqual([o.d, o.c]);
      await expect(queries.list({ tenantId: tenant, to: '2025-01-02T10:00:00Z' }, 50, 0).then(ids)).resolves.toEqual([o.a]);
      // An offset is the same instant in UTC: 12:00+02:00 is 10:00Z.
      await expect(queries.list({ tenantId: tenant, from: '2025-01-03T12:00:00+02:00' }, 50, 0).then(ids)).resolves.toEqual([o.d, o.c]);
      await expect(queries.list({ tenantId: tenant, from: '2025-01-03T12:00:00.001Z' }, 50, 0).then(ids)).resolves.toEqual([]);
    });

    it('by item id and by state', async () => {
      await expect(queries.list({ tenantId: tenant, itemId: REWARD_BADGE }, 50, 0).then(ids)).resolves.toEqual([o.d, o.b]);
      await expect(queries.list({ tenantId: tenant, itemId: REWARD_GEMS }, 50, 0).then(ids)).resolves.toEqual([o.c, o.e, o.a]);
      await expect(queries.list({ tenantId: tenant, state: 'failed' }, 50, 0).then(ids)).resolves.toEqual([o.d]);
      await expect(queries.list({ tenantId: tenant, state: 'completed' }, 50, 0).then(ids)).resolves.toEqual([o.e, o.b, o.a]);
      await expect(queries.list({ tenantId: tenant, state: 'expired' }, 50, 0).then(ids)).resolves.toEqual([]);
    });

    it('all filters together', async () => {
      const list = await queries.list(
        { tenantId: tenant, userId: u1, sourceType: 'leaderboard', sourceId: 'weekly-lb', itemId: REWARD_GEMS, state: 'completed', from: '2025-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z' },
        50,
        0,
      );
      expect(list).toMatchObject({ total: 1, grants: [{ order_id: o.a }] });
    });

    it('pages with limit and offset; total counts every match', async () => {
      await expect(queries.list({ tenantId: tenant }, 2, 0)).resolves.toMatchObject({ total: 5, limit: 2, offset: 0 });
      await expect(queries.list({ tenantId: tenant }, 2, 0).then(ids)).resolves.toEqual([o.d, o.c]);
      await expect(queries.list({ tenantId: tenant }, 2, 2).then(ids)).resolves.toEqual([o.e, o.b]);
      await expect(queries.list({ tenantId: tenant }, 2, 4).then(ids)).resolves.toEqual([o.a]);
      await expect(queries.list({ tenantId: tenant }, 2, 10)).resolves.toEqual({ grants: [], total: 5, limit: 2, offset: 10 });
      await expect(queries.list({ tenantId: tenant, userId: u1 }, 1, 1)).resolves.toMatchObject({ total: 4, grants: [{ order_id: o.c }] });
    });

    it('stays inside its tenant', async () => {
      const other = await queries.list({ tenantId: neighbour }, 50, 0);
      expect(other.total).toBe(1);
      expect(ids(other)).not.toEqual(expect.arrayContaining([o.a]));
      await expect(queries.list({ tenantId: newTenant() }, 50, 0)).resolves.toMatchObject({ total: 0, grants: [] });
    });
  });

  it('breaks ties of the same grant time by order id, descending', async () => {
    const own = newTenant();
    const sameTime = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002'];
    await insertGrants(sameTime.map((orderId) => orderEvent({ tenant: own, orderId, at: '2025-05-05T05:05:05.005Z' })));
    const list = await queries.list({ tenantId: own }, 50, 0);
    expect(ids(list)).toEqual([sameTime[1], sameTime[2], sameTime[0]]);
    // Pages do not repeat or skip a grant on ties.
    const paged = [...ids(await queries.list({ tenantId: own }, 2, 0)), ...ids(await queries.list({ tenantId: own }, 2, 2))];
    expect(paged).toEqual(ids(list));
  });

  describe('one', () => {
    it('finds a grant by its order id, for its user and tenant only', async () => {
      const grant = await queries.one({ tenantId: tenant, userId: u1, orderId: o.c });
      expect(grant).toMatchObject({ order_id: o.c, grant_id: o.c, source_type: 'purchase', state: 'fulfilling' });
      expect(GrantViewSchema.parse(grant)).toEqual(grant);
      await expect(queries.one({ tenantId: tenant, userId: u2, orderId: o.c })).resolves.toBeNull();
      await expect(queries.one({ tenantId: neighbour, userId: u1, orderId: o.c })).resolves.toBeNull();
      await expect(queries.one({ tenantId: tenant, userId: u1, orderId: randomUUID() })).resolves.toBeNull();
    });
  });

  describe('summary', () => {
    it("counts a user's grants by source, most first, then by name", async () => {
      const summary = await queries.summary({ tenantId: tenant, userId: u1 });
      expect(summary).toEqual({
        total_grants: 4,
        by_source: [
          { source_type: 'leaderboard', count: 2 },
          { source_type: 'coupon', count: 1 },
          { source_type: 'purchase', count: 1 },
        ],
      });
      expect(GrantSummarySchema.parse(summary)).toEqual(summary);
    });

    it('is empty for a user without grants', async () => {
      await expect(queries.summary({ tenantId: tenant, userId: 'nobody' })).resolves.toEqual({ total_grants: 0, by_source: [] });
    });
  });

  describe('stats', () => {
    it('groups a tenant by source, day, reward and state', async () => {
      const stats = await queries.stats({ tenantId: tenant });
      expect(stats).toEqual({
        tenant_id: tenant,
        from: null,
        to: null,
        total_grants: 5,
        by_source_type: [
          { source_type: 'leaderboard', count: 3 },
          { source_type: 'coupon', count: 1 },
          { source_type: 'purchase', count: 1 },
        ],
        by_day: [
          { day: '2025-01-01', count: 1 },
          { day: '2025-01-02', count: 2 },
          { day: '2025-01-03', count: 2 },
        ],
        by_reward: [
          { item_id: REWARD_GEMS, item_name: '1000 Gems', count: 3 },
          { item_id: REWARD_BADGE, item_name: 'Champion Badge', count: 2 },
        ],
        by_state: [
          { state: 'completed', count: 3 },
          { state: 'failed', count: 1 },
          { state: 'fulfilling', count: 1 },
        ],
        by_event_type: [],
      });
      expect(GrantStatsSchema.parse(stats)).toEqual(stats);
    });

    it('within a date range, and echoes the range', async () => {
      const from = '2025-01-02T00:00:00.000Z';
      const to = '2025-01-03T00:00:00.000Z';
      await expect(queries.stats({ tenantId: tenant, from, to })).resolves.toEqual({
        tenant_id: tenant,
        from,
        to,
        total_grants: 2,
        by_source_type: [
          { source_type: 'coupon', count: 1 },
          { source_type: 'leaderboard', count: 1 },
        ],
        by_day: [{ day: '2025-01-02', count: 2 }],
        by_reward: [
          { item_id: REWARD_BADGE, item_name: 'Champion Badge', count: 1 },
          { item_id: REWARD_GEMS, item_name: '1000 Gems', count: 1 },
        ],
        by_state: [{ state: 'completed', count: 2 }],
        by_event_type: [],
      });
    });

    it('is empty for a range without grants', async () => {
      await expect(queries.stats({ tenantId: tenant, from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' })).resolves.toEqual({
        tenant_id: tenant,
        from: '2024-01-01T00:00:00Z',
        to: '2024-02-01T00:00:00Z',
        total_grants: 0,
        by_source_type: [],
        by_day: [],
        by_reward: [],
        by_state: [],
        by_event_type: [],
      });
    });

    it('counts days in UTC', async () => {
      const own = newTenant();
      await insertGrants([
        orderEvent({ tenant: own, at: '2025-06-01T23:30:00.000-02:00' }), // 2025-06-02 01:30 UTC
        orderEvent({ tenant: own, at: '2025-06-02T00:30:00.000+02:00' }), // 2025-06-01 22:30 UTC
      ]);
      const stats = await queries.stats({ tenantId: own });
      expect(stats.by_day).toEqual([
        { day: '2025-06-01', count: 1 },
        { day: '2025-06-02', count: 1 },
      ]);
    });

    it('counts the order events of the range by type, from the event history', async () => {
      const own = newTenant();
      const orderId = randomUUID();
      // One order created on July 1st, completed at once and refunded the next day.
      const step = (state: OrderState, version: number, occurredAt: string) => ({
        ...orderEvent({ tenant: own, orderId, at: '2025-07-01T09:00:00.000Z', state, version }),
        occurred_at: occurredAt,
      });
      const refunded = step('refunded', 3, '2025-07-02T09:00:00.000Z');
      await ingestBatch([
        step('fulfilling', 1, '2025-07-01T09:00:00.000Z'),
        step('completed', 2, '2025-07-01T09:00:01.000Z'),
        orderEvent({ tenant: own, at: '2025-07-01T10:00:00.000Z', state: 'completed', version: 2 }),
      ]);
      await ingestBatch([refunded]);
      await insertRows('order_events', [toOrderEventRow(refunded)]); // redelivered under another token: FINAL collapses it

      const all = await queries.stats({ tenantId: own });
      // The read model knows only the latest states; the history keeps every transition.
      expect(all.by_state).toEqual([
        { state: 'completed', count: 1 },
        { state: 'refunded', count: 1 },
      ]);
      expect(all.by_event_type).toEqual([
        { event_type: 'order.completed', count: 2 },
        { event_type: 'order.fulfilling', count: 1 },
        { event_type: 'order.refunded', count: 1 },
      ]);
      // The range applies to when each event occurred.
      const secondDay = await queries.stats({ tenantId: own, from: '2025-07-02T00:00:00.000Z', to: '2025-07-03T00:00:00.000Z' });
      expect(secondDay.by_event_type).toEqual([{ event_type: 'order.refunded', count: 1 }]);
      expect(secondDay.total_grants).toBe(0);
    });
  });
});
