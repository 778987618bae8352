import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouse, migrateClickHouse } from '@phoenix/analytics';
import { BusMessage, InProcessEventBus, Metrics } from '@phoenix/platform';
import { freePorts, orderEventFixture, orderEventMessage } from '@phoenix/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalyticsConfigSchema } from '../config';
import { GrantIngester } from './grant-ingester';

const TOPIC = 'rewards.order-events';

// chDB is one engine per process: ONE client for the whole file, a fresh tenant per test.
let dir: string;
let client: ClickHouseClient;
let bus: InProcessEventBus;
let ingester: GrantIngester;

/** The standalone set-up: no Kafka, so dead letters go to the `dead_letters` table. */
const config = AnalyticsConfigSchema.parse({ EVENT_BUS: 'in-process', ORDER_EVENTS_TOPIC: TOPIC, LOG_LEVEL: 'silent' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'phoenix-ingest-'));
  client = createClickHouse({ path: dir });
  await migrateClickHouse(client);
  bus = new InProcessEventBus({ started: true, retryDelayMs: 10 });
  ingester = new GrantIngester(client, bus, config, new Metrics());
  await ingester.onApplicationBootstrap();
}, 30_000);

afterAll(async () => {
  await bus?.close();
  await client?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const newTenant = () => `t-${randomBytes(5).toString('hex')}`;

function events(tenantId: string, count: number, userOf: (i: number) => string = () => 'user_1'): BusMessage[] {
  return Array.from({ length: count }, (_, i) => orderEventMessage(TOPIC, orderEventFixture({ tenantId, userId: userOf(i) })));
}

/** Raw rows of a tenant, without FINAL: what was written, before any merge collapses it. */
async function rawRows(tenantId: string): Promise<{ grants: number; events: number }> {
  const result = await client.query({
    query: `SELECT (SELECT count() FROM grants WHERE tenant_id = {t:String}) AS grants,
                   (SELECT count() FROM order_events WHERE tenant_id = {t:String}) AS events`,
    query_params: { t: tenantId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ grants: string | number; events: string | number }>();
  return { grants: Number(row!.grants), events: Number(row!.events) };
}

async function deadLetters(messages: BusMessage[]): Promise<Array<{ message_key: string; event_id: string; reason: string; error: string; value: string }>> {
  const result = await client.query({
    query: 'SELECT message_key, event_id, reason, error, value FROM dead_letters WHERE message_key IN {keys:Array(String)} ORDER BY message_key',
    query_params: { keys: messages.map((m) => m.key) },
    format: 'JSONEachRow',
  });
  return result.json();
}

describe('GrantIngester on chDB', () => {
  it('stores a batch once: delivered again, it adds no row (raw counts, without FINAL)', async () => {
    const tenant = newTenant();
    const batch = events(tenant, 3, (i) => `user_${i}`);
    await ingester.handle(batch);
    await expect(rawRows(tenant)).resolves.toEqual({ grants: 3, events: 3 });

    await ingester.handle(batch); // redelivered after a crash before the offset commit
    await ingester.handle(batch);
    await expect(rawRows(tenant)).resolves.toEqual({ grants: 3, events: 3 });
  });

  it('dead-letters events that do not parse or convert, and the bus moves on (standalone: dead_letters table)', async () => {
    const tenant = newTenant();
    const [first, second] = events(tenant, 2);
    const valid = orderEventFixture({ tenantId: tenant });
    // A complete envelope but for its time: the schema refuses it, before ClickHouse could.
    const badTime = { ...orderEventMessage(TOPIC, valid), key: `bad-time-${tenant}`, value: JSON.stringify({ ...valid, data: { ...valid.data, created_at: 'not a time' } }) };
    const notJson = { topic: TOPIC, key: `not-json-${tenant}`, value: 'this is not json', headers: {} };

    // Through the in-process bus, as the outbox relay publishes: it resolves, so the relay goes on.
    await bus.publish([first!, badTime, notJson, second!]);
    await expect(rawRows(tenant)).resolves.toEqual({ grants: 2, events: 2 });
    const dead = await deadLetters([badTime, notJson]);
    expect(dead).toEqual([
      { message_key: badTime.key, event_id: valid.event_id, reason: 'invalid-event', error: expect.stringContaining('created_at'), value: badTime.value },
      { message_key: notJson.key, event_id: 'unknown', reason: 'invalid-event', error: expect.stringMatching(/JSON/), value: 'this is not json' },
    ]);

    await bus.publish([first!, badTime, notJson, second!]); // redelivered
    await expect(rawRows(tenant)).resolves.toEqual({ grants: 2, events: 2 });
    await expect(deadLetters([badTime, notJson])).resolves.toHaveLength(2);
  });

  it('isolates the messages whose rows ClickHouse refuses, stores the rest, and stores them once when redelivered', async () => {
    const tenant = newTenant();
    // A real refusal by ClickHouse for a reason in the data: a constraint on the table.
    await client.command({ query: `ALTER TABLE grants ADD CONSTRAINT ingest_test_refused CHECK user_id != 'refused'` });
    try {
      const batch = events(tenant, 7, (i) => (i === 1 || i === 4 ? 'refused' : `user_${i}`));
      await ingester.handle(batch);
      await expect(rawRows(tenant)).resolves.toEqual({ grants: 5, events: 5 });
      const refused = [batch[1]!, batch[4]!];
      const dead = await deadLetters(refused);
      expect(dead.map((d) => d.event_id).sort()).toEqual(refused.map((m) => m.headers['event-id']).sort());
      for (const letter of dead) {
        expect(letter).toMatchObject({ reason: 'rejected-by-clickhouse', error: expect.stringContaining('ingest_test_refused') });
      }

      await ingester.handle(batch); // redelivered: the same split, the same tokens
      await expect(rawRows(tenant)).resolves.toEqual({ grants: 5, events: 5 });
      await expect(deadLetters(refused)).resolves.toHaveLength(2);
    } finally {
      await client.command({ query: 'ALTER TABLE grants DROP CONSTRAINT ingest_test_refused' });
    }
  });

  it('stores batches prepared apart in one call: every row once, refused ones isolated, dead letters of each part sent', async () => {
    const tenant = newTenant();
    await client.command({ query: `ALTER TABLE grants ADD CONSTRAINT ingest_test_parts CHECK user_id != 'refused'` });
    try {
      const first = events(tenant, 4, (i) => (i === 2 ? 'refused' : `user_a${i}`));
      const second = events(tenant, 3, (i) => `user_b${i}`);
      const notJson = { topic: TOPIC, key: `not-json-${tenant}`, value: '{"cut off', headers: {} };
      // As the bus does while an earlier insert runs: each batch prepared on arrival, stored together.
      await ingester.store([ingester.prepare(first), ingester.prepare([notJson, ...second])]);

      const result = await client.query({
        query: 'SELECT user_id FROM grants FINAL WHERE tenant_id = {t:String} ORDER BY user_id',
        query_params: { t: tenant },
        format: 'JSONEachRow',
      });
      const users = (await result.json<{ user_id: string }>()).map((row) => row.user_id);
      expect(users).toEqual(['user_a0', 'user_a1', 'user_a3', 'user_b0', 'user_b1', 'user_b2']);
      // order_events is written from the rows grants took (its encoding of the whole batch no longer holds).
      await expect(rawRows(tenant)).resolves.toEqual({ grants: 6, events: 6 });
      const dead = await deadLetters([first[2]!, notJson]);
      expect(dead.map((d) => d.reason).sort()).toEqual(['invalid-event', 'rejected-by-clickhouse']);
    } finally {
      await client.command({ query: 'ALTER TABLE grants DROP CONSTRAINT ingest_test_parts' });
    }
  });

  it('rejects the batch, dead-lettering nothing, while ClickHouse cannot be reached; the redelivery stores it', async () => {
    const tenant = newTenant();
    const [port] = await freePorts(1);
    const unreachable = createClickHouse({ url: `http://127.0.0.1:${port}`, path: dir });
    const metrics = new Metrics();
    const cut = new GrantIngester(unreachable, bus, config, metrics);
    const batch = events(tenant, 2);
    try {
      await expect(cut.handle(batch)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await unreachable.close();
    }
    await expect(metrics.registry.getSingleMetric('grants_events_dead_lettered_total')!.get()).resolves.toMatchObject({ values: [] });
    await expect(deadLetters(batch)).resolves.toEqual([]);

    await ingester.handle(batch);
    await expect(rawRows(tenant)).resolves.toEqual({ grants: 2, events: 2 });
  });
});
