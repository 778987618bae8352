import { migrateClickHouse, toGrantRow, toOrderEventRow } from '@phoenix/analytics';
import { parseEvent, type EventEnvelope, type OrderEventData } from '@phoenix/contracts';
import { Metrics, createEventBus, deadLetterTopic } from '@phoenix/platform';
import type { Kafka } from 'kafkajs';
import { Histogram } from 'prom-client';
import { randomBytes } from 'node:crypto';
import { AnalyticsConfigSchema } from '../../../apps/grants-analytics/src/config';
import { GrantIngester } from '../../../apps/grants-analytics/src/ingest/grant-ingester';
import { dropDatabase, rawCount, useDatabase, type Chdb } from './chdb';
import type { Cleanup } from '../cleanup';
import { BROKERS, createTopics, deleteTopicsAndGroups, produce, SERVICE_PARTITIONS } from './kafka';
import { orderEvent, toMessage, type EventShape } from './order-events';
import { TimedBus } from './timed-bus';

const CONSUMER_TIMEOUT_MS = 300_000;

export interface InsertRun {
  rows: number;
  seconds: number;
}

export interface ConsumerRun {
  events: number;
  seconds: number;
  batches: number;
  prepareSeconds: number;
  storeSeconds: number;
  insertSeconds: number;
  cores: number;
  grantRows: number;
  eventRows: number;
}

export interface IngestResult {
  events: number;
  users: number;
  partitions: number;
  batch: number;
  produceSeconds: number;
  /** Grants rows only: the P5 baseline. */
  baseline: InsertRun;
  /** Grants and order_events rows: what the consumer writes per event. */
  bothTables: InsertRun;
  consumer: ConsumerRun;
}

interface IngestContext {
  chdb: Chdb;
  kafka: Kafka;
  cleanup: Cleanup;
  events: number;
  batch: number;
  log: (line: string) => void;
}

export async function measureIngest(context: IngestContext): Promise<IngestResult> {
  const { chdb, kafka, cleanup, events, batch, log } = context;
  const id = randomBytes(4).toString('hex');
  const shape: EventShape = { tenantId: `bench_p5_${id}`, users: Math.max(1, Math.floor(events / 20)) };
  checkGenerator(shape);

  const topic = `bench.p5.order-events.${id}`;
  const group = `bench-p5-ingest-${id}`;
  cleanup.add(`delete topic ${topic}`, () => deleteTopicsAndGroups(kafka, [topic, deadLetterTopic(topic)], [group]));
  await createTopics(kafka, [
    { topic, partitions: SERVICE_PARTITIONS },
    { topic: deadLetterTopic(topic), partitions: 1 },
  ]);
  const produceSeconds = await produce(kafka, topic, events, (index) => toMessage(orderEvent(index, shape)));
  log(`P5: ${events} events published to ${topic} in ${produceSeconds.toFixed(1)} s`);

  const baseline = await rawInsert(chdb, `bench_p5_raw_${id}`, events, batch, shape, ['grants']);
  log(`P5: baseline raw insert ${baseline.rows} rows in ${baseline.seconds.toFixed(2)} s`);
  const bothTables = await rawInsert(chdb, `bench_p5_raw2_${id}`, events, batch, shape, ['grants', 'order_events']);
  log(`P5: raw insert into both tables in ${bothTables.seconds.toFixed(2)} s`);
  const consumer = await consume(chdb, `bench_p5_ingest_${id}`, topic, group, events);
  log(`P5: consumer ingested ${consumer.events} events in ${consumer.seconds.toFixed(2)} s`);
  return { events, users: shape.users, partitions: SERVICE_PARTITIONS, batch, produceSeconds, baseline, bothTables, consumer };
}

/** The generator must make events the consumer accepts, or P5 would measure the dead-letter path. */
function checkGenerator(shape: EventShape): void {
  for (const index of [0, 1]) parseEvent(JSON.parse(JSON.stringify(orderEvent(index, shape))));
}

/** As the outbox relay publishes an event: keyed by order, its id and type in headers. */
type Table = 'grants' | 'order_events';

/**
 * What a table holds once collapsed (read with FINAL): one grant per order (the latest version;
 * ReplacingMergeTree already collapses rows of one insert, optimize_on_insert), one row per event.
 */
export function expectedRows(table: Table, events: number): number {
  return table === 'grants' ? Math.ceil(events / 2) : events;
}

function rowOf(table: Table, event: EventEnvelope<OrderEventData>): object {
  return table === 'grants' ? toGrantRow(event) : toOrderEventRow(event);
}

/**
 * The baseline: the same rows, built and serialised to JSONEachRow beforehand, inserted in
 * batches through the bare chDB session (the engine's own parser does the rest). Batches go
 * back to back, one table after the other per batch, as the consumer writes them.
 */
async function rawInsert(chdb: Chdb, database: string, events: number, batch: number, shape: EventShape, tables: Table[]): Promise<InsertRun> {
  await useDatabase(chdb, database);
  await migrateClickHouse(chdb.client);
  const payloads: Array<{ table: string; body: Buffer }> = [];
  for (let from = 0; from < events; from += batch) {
    const group = Array.from({ length: Math.min(batch, events - from) }, (_, i) => orderEvent(from + i, shape));
    for (const table of tables) {
      payloads.push({ table: `${database}.${table}`, body: Buffer.from(group.map((event) => JSON.stringify(rowOf(table, event))).join('\n')) });
    }
  }
  const started = performance.now();
  for (const payload of payloads) await chdb.raw.insert({ table: payload.table, values: payload.body, format: 'JSONEachRow' });
  const seconds = (performance.now() - started) / 1000;
  for (const table of tables) {
    const rows = await rawCount(chdb, `${database}.${table} FINAL`);
    const expected = expectedRows(table, events);
    if (rows !== expected) throw new Error(`baseline: ${database}.${table} has ${rows} rows, expected ${expected}`);
  }
  await dropDatabase(chdb, database);
  return { rows: events, seconds };
}

/**
 * The consumer path as grants-analytics runs it: the real GrantIngester (constructed without
 * Nest, with what Nest would inject) on a KafkaEventBus, writing through @clickhouse/client
 * over chDB. Timed from its first batch until it has handled every event.
 */
async function consume(chdb: Chdb, database: string, topic: string, group: string, events: number): Promise<ConsumerRun> {
  await useDatabase(chdb, database);
  await migrateClickHouse(chdb.client);
  const config = AnalyticsConfigSchema.parse({ KAFKA_BROKERS: BROKERS.join(','), ORDER_EVENTS_TOPIC: topic, INGEST_GROUP_ID: group, LOG_LEVEL: 'warn' });
  const metrics = new Metrics();
  const bus = createEventBus('bench-p5-ingester', config, metrics);
  const timed = new TimedBus(bus, events);
  const ingester = new GrantIngester(chdb.client, timed, config, metrics);
  try {
    await ingester.onApplicationBootstrap();
    await withTimeout(timed.done, CONSUMER_TIMEOUT_MS, () => `consumer handled ${timed.handled} of ${events} events in ${CONSUMER_TIMEOUT_MS / 1000} s`);
  } finally {
    await bus.close();
  }
  const result: ConsumerRun = {
    events: timed.handled,
    seconds: timed.seconds,
    batches: timed.batches,
    prepareSeconds: timed.prepareMs / 1000,
    storeSeconds: timed.storeMs / 1000,
    insertSeconds: await histogramSum(metrics, 'clickhouse_insert_duration_seconds'),
    cores: timed.cores,
    grantRows: await rawCount(chdb, `${database}.grants FINAL`),
    eventRows: await rawCount(chdb, `${database}.order_events FINAL`),
  };
  await useDatabase(chdb, 'default');
  await dropDatabase(chdb, database);
  return result;
}

/** The ingester times its inserts in a histogram of its own registry: its sum is their total. */
async function histogramSum(metrics: Metrics, name: string): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!(metric instanceof Histogram)) return Number.NaN;
  const { values } = await metric.get();
  return values.find((value) => value.metricName === `${name}_sum`)?.value ?? Number.NaN;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message())), timeoutMs)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
