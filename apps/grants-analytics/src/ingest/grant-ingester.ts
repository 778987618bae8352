import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { toGrantRow, toOrderEventRow } from '@phoenix/analytics';
import { EventEnvelope, OrderEventData, parseEvent } from '@phoenix/contracts';
import { BusMessage, EventBus, KafkaEventBus, Metrics, deadLetterTopic, inMessageLogContext, logsAt } from '@phoenix/platform';
import { createHash } from 'node:crypto';
import { Counter, Histogram } from 'prom-client';
import { CLICKHOUSE } from '../clickhouse/clickhouse.module';
import { ANALYTICS_CONFIG, AnalyticsConfig } from '../config';

export const EVENT_BUS = Symbol('EVENT_BUS');

/**
 * Consumes order events into ClickHouse. A batch is inserted (grants read model + event
 * history) before the bus may commit its offsets; the insert carries a deduplication token
 * derived from its events, and both tables collapse repeated keys, so a redelivered batch
 * changes nothing. An event that does not parse goes to the dead-letter topic and the
 * stream moves on.
 */
@Injectable()
export class GrantIngester implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('GrantIngester');
  private readonly ingested: Counter<'event_type'>;
  private readonly deadLettered: Counter<'reason'>;
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
    this.deadLettered = metrics.counter('grants_events_dead_lettered_total', 'Order events sent to the dead-letter topic', ['reason']);
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
    await this.bus.subscribe(this.config.ORDER_EVENTS_TOPIC, this.config.INGEST_GROUP_ID, (messages) => this.handle(messages));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.bus instanceof KafkaEventBus) await this.bus.close();
  }

  async handle(messages: BusMessage[]): Promise<void> {
    const events: Array<EventEnvelope<OrderEventData>> = [];
    const accepted: BusMessage[] = [];
    const poison: BusMessage[] = [];
    for (const message of messages) {
      try {
        events.push(parseEvent(JSON.parse(message.value)) as EventEnvelope<OrderEventData>);
        accepted.push(message);
      } catch (error) {
        poison.push({ ...message, topic: deadLetterTopic(this.config.ORDER_EVENTS_TOPIC), headers: { ...message.headers, error: String((error as Error).message).slice(0, 500) } });
      }
    }
    if (poison.length) {
      await this.bus.publish(poison);
      this.deadLettered.inc({ reason: 'invalid-event' }, poison.length);
      this.logger.warn(`${poison.length} malformed event(s) sent to ${deadLetterTopic(this.config.ORDER_EVENTS_TOPIC)}`);
    }
    if (events.length === 0) return;
    await this.insert(events);
    // One line per event, in the trace of the request that caused it, at debug level only:
    // in production the batch metrics are the signal, and this would cost more than the insert.
    if (this.logEvents) {
      accepted.forEach((message, i) => inMessageLogContext(message, () => this.logger.debug(`ingested ${events[i]?.event_type} ${events[i]?.event_id}`)));
    }
  }

  private async insert(events: Array<EventEnvelope<OrderEventData>>): Promise<void> {
    const token = createHash('sha256')
      .update(events.map((e) => e.event_id).join(','))
      .digest('hex');
    const stop = this.insertSeconds.startTimer();
    // One after the other: embedded chDB applies per-query settings to its session, so two
    // concurrent inserts could swap their deduplication tokens.
    await this.clickhouse.insert({
      table: 'grants',
      values: events.map(toGrantRow),
      format: 'JSONEachRow',
      clickhouse_settings: { insert_deduplication_token: `grants-${token}` },
    });
    await this.clickhouse.insert({
      table: 'order_events',
      values: events.map(toOrderEventRow),
      format: 'JSONEachRow',
      clickhouse_settings: { insert_deduplication_token: `events-${token}` },
    });
    stop();
    this.batchSize.observe(events.length);
    for (const event of events) this.ingested.inc({ event_type: event.event_type });
  }
}
