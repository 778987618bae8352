import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { GRANT_COLUMNS, GrantRow, ORDER_EVENT_COLUMNS, OrderEventRow, insertTabSeparated, toGrantRow, toOrderEventRow, toTabSeparated } from '@phoenix/analytics';
import { EventEnvelope, OrderEventData, readOrderEvent } from '@phoenix/contracts';
import { BusMessage, EventBus, KafkaEventBus, Metrics, inMessageLogContext, logsAt } from '@phoenix/platform';
import { createHash } from 'node:crypto';
import { Counter, Histogram } from 'prom-client';
import { CLICKHOUSE } from '../clickhouse/clickhouse.module';
import { isRejectedData } from '../clickhouse/rejected-data';
import { ANALYTICS_CONFIG, AnalyticsConfig } from '../config';
import { DeadLetter, DeadLetterOffice, deadLetter } from './dead-letters';

export const EVENT_BUS = Symbol('EVENT_BUS');

/** A message on its way into ClickHouse: the event and its row for each table. */
interface Ingestible {
  message: BusMessage;
  event: EventEnvelope<OrderEventData>;
  rows: { grants: GrantRow; order_events: OrderEventRow };
}

/** A batch after the prepare step: what goes into ClickHouse, and what became a dead letter. */
interface Prepared {
  batch: Ingestible[];
  dead: DeadLetter[];
  /** The batch's rows of each table, encoded already (see Table.encode). */
  bodies: Bodies;
}

type Bodies = Record<keyof Ingestible['rows'], Buffer>;

interface Table {
  name: keyof Ingestible['rows'];
  tokenPrefix: string;
  columns: readonly [string, ...string[]];
  /** The batch's rows of this table as one TabSeparated payload (batches' payloads concatenate). */
  encode(batch: Ingestible[]): Buffer;
}

/** Grants first: the read model is what users wait for. */
const TABLES: Table[] = [
  { name: 'grants', tokenPrefix: 'grants', columns: GRANT_COLUMNS, encode: (batch) => toTabSeparated(batch.map(({ rows }) => rows.grants), GRANT_COLUMNS) },
  { name: 'order_events', tokenPrefix: 'events', columns: ORDER_EVENT_COLUMNS, encode: (batch) => toTabSeparated(batch.map(({ rows }) => rows.order_events), ORDER_EVENT_COLUMNS) },
];

/**
 * Consumes order events into ClickHouse. A batch is inserted (grants read model + event
 * history) before the bus may commit its offsets; the insert carries a deduplication token
 * derived from its events, and both tables collapse repeated keys, so a redelivered batch
 * changes nothing. An event that does not parse or convert, or whose rows ClickHouse refuses,
 * becomes a dead letter and the stream moves on.
 */
@Injectable()
export class GrantIngester implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('GrantIngester');
  private readonly ingested: Counter<'event_type'>;
  private readonly deadLetters: DeadLetterOffice;
  private readonly insertSeconds: Histogram;
  private readonly batchSize: Histogram;
  private readonly logEvents: boolean;

  constructor(
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(ANALYTICS_CONFIG) private readonly config: AnalyticsConfig,
    metrics: Metrics,
  ) {
    this.logEvents = logsAt(config.LOG_LEVEL, 'debug');
    this.ingested = metrics.counter('grants_events_ingested_total', 'Order events written to ClickHouse', ['event_type']);
    this.deadLetters = new DeadLetterOffice(clickhouse, bus, config, metrics);
    this.insertSeconds = new Histogram({
      name: 'clickhouse_insert_duration_seconds',
      help: 'Time to insert one batch into ClickHouse',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [metrics.registry],
    });
    this.batchSize = new Histogram({
      name: 'clickhouse_insert_batch_size',
      help: 'Events per ClickHouse insert',
      buckets: [1, 10, 50, 100, 500, 1000, 5000],
      registers: [metrics.registry],
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // In two steps: the bus reads and prepares the next batches while ClickHouse inserts earlier ones.
    await this.bus.subscribe<Prepared>(this.config.ORDER_EVENTS_TOPIC, this.config.INGEST_GROUP_ID, {
      prepare: (messages) => this.prepare(messages),
      store: (prepared) => this.store(prepared),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.bus instanceof KafkaEventBus) await this.bus.close();
  }

  /** Ingests one batch of the bus: both steps at once (see prepare and store). */
  async handle(messages: BusMessage[]): Promise<void> {
    await this.store([this.prepare(messages)]);
  }

  /**
   * Reads each message as an event, maps it to its rows and encodes them; one that is not a valid
   * event becomes a dead letter (sent by the store step, after the batch's insert). CPU only: it
   * never waits.
   */
  prepare(messages: BusMessage[]): Prepared {
    const dead: DeadLetter[] = [];
    const batch: Ingestible[] = [];
    for (const message of messages) {
      try {
        // The contract's fast reader: zod's output, and zod's error for what it refuses.
        const event = readOrderEvent(message.value);
        batch.push({ message, event, rows: { grants: toGrantRow(event), order_events: toOrderEventRow(event) } });
      } catch (error) {
        dead.push(deadLetter(message, 'invalid-event', error));
      }
    }
    // Encoded here too, while ClickHouse may still insert the batches before: the store step is then
    // little more than the inserts.
    const bodies = Object.fromEntries(TABLES.map((table) => [table.name, table.encode(batch)])) as Bodies;
    return { batch, dead, bodies };
  }

  /**
   * Stores prepared batches, in their order, as one insert per table. Rows ClickHouse refuses become
   * dead letters beside those of the prepare step; the rest is stored. Only a failure that a retry
   * may get past (ClickHouse or the dead-letter store unreachable) rejects, so the bus delivers the
   * batches again.
   */
  async store(prepared: Prepared[]): Promise<void> {
    const dead = prepared.flatMap((part) => part.dead);
    const batch = prepared.flatMap((part) => part.batch);
    const bodies = Object.fromEntries(TABLES.map((table) => [table.name, Buffer.concat(prepared.map((part) => part.bodies[table.name]))])) as Bodies;
    const stored = await this.insert(batch, dead, bodies);
    await this.deadLetters.send(dead);
    // One line per event, in the trace of the request that caused it, at debug level only:
    // in production the batch metrics are the signal, and this would cost more than the insert.
    if (this.logEvents) {
      for (const { message, event } of stored) inMessageLogContext(message, () => this.logger.debug(`ingested ${event.event_type} ${event.event_id}`));
    }
  }

  /** Inserts the batch into both tables, one after the other; returns what was stored. */
  private async insert(batch: Ingestible[], dead: DeadLetter[], bodies: Bodies): Promise<Ingestible[]> {
    if (batch.length === 0) return [];
    const stop = this.insertSeconds.startTimer();
    // One after the other: chDB runs one statement at a time anyway, and the client's own inserts
    // on chDB (dead letters) set their settings on its session, where a concurrent insert could
    // take up another's deduplication token.
    let stored = batch;
    // The encoded rows hold for a table as long as no row of the batch was refused before it.
    for (const table of TABLES) stored = await this.insertIsolating(table, stored, dead, stored === batch ? bodies[table.name] : undefined);
    stop();
    this.batchSize.observe(stored.length);
    const byType = new Map<string, number>();
    for (const { event } of stored) byType.set(event.event_type, (byType.get(event.event_type) ?? 0) + 1);
    for (const [event_type, count] of byType) this.ingested.inc({ event_type }, count);
    return stored;
  }

  /**
   * Inserts rows into one table with a deduplication token derived from their event ids, so a
   * redelivered batch changes nothing. When ClickHouse refuses the rows for what they contain,
   * the batch is split in halves until each refused message stands alone: those become dead
   * letters, the rest is stored. The split is deterministic, so a redelivery of the same batch
   * inserts the same parts under the same tokens. Any other failure rejects. (A message that
   * order_events refuses after grants took it keeps its grant row; both tables read the same
   * checked fields, so this is not expected.)
   */
  private async insertIsolating(table: Table, batch: Ingestible[], dead: DeadLetter[], encoded?: Buffer): Promise<Ingestible[]> {
    if (batch.length === 0) return [];
    const token = createHash('sha256')
      .update(batch.map(({ event }) => event.event_id).join(','))
      .digest('hex');
    try {
      // TabSeparated: the format ClickHouse takes fastest from a client (JSONEachRow parsed about as
      // slowly as the rest of the ingest together, see tools/bench/events).
      await insertTabSeparated(this.clickhouse, {
        table: table.name,
        columns: table.columns,
        body: encoded ?? table.encode(batch),
        settings: { insert_deduplication_token: `${table.tokenPrefix}-${token}` },
      });
      return batch;
    } catch (error) {
      if (!isRejectedData(error)) throw error;
      const [only] = batch;
      if (batch.length === 1 && only) {
        dead.push(deadLetter(only.message, 'rejected-by-clickhouse', error));
        return [];
      }
      const half = Math.ceil(batch.length / 2);
      const first = await this.insertIsolating(table, batch.slice(0, half), dead);
      return [...first, ...(await this.insertIsolating(table, batch.slice(half), dead))];
    }
  }
}
