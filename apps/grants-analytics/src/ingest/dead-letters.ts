import { ClickHouseClient } from '@clickhouse/client';
import { Logger } from '@nestjs/common';
import { BusMessage, EventBus, Metrics, deadLetterTopic, inMessageLogContext } from '@phoenix/platform';
import { createHash } from 'node:crypto';
import { Counter } from 'prom-client';
import type { AnalyticsConfig } from '../config';

/** Why a message was not ingested: it is not a valid order event, or ClickHouse refused its rows. */
export type DeadLetterReason = 'invalid-event' | 'rejected-by-clickhouse';

export interface DeadLetter {
  message: BusMessage;
  reason: DeadLetterReason;
  error: string;
}

export function deadLetter(message: BusMessage, reason: DeadLetterReason, error: unknown): DeadLetter {
  return { message, reason, error: String(error instanceof Error ? error.message : error).slice(0, 500) };
}

/** The event id of a message: the relay's header, else the envelope's own field when there is one. */
function eventIdOf(message: BusMessage): string {
  if (message.headers['event-id']) return message.headers['event-id'];
  try {
    const id = (JSON.parse(message.value) as { event_id?: unknown } | null)?.event_id;
    return typeof id === 'string' ? id : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Where messages that cannot be ingested go, so the stream moves on without losing them: with
 * Kafka, the dead-letter topic beside the order events (the reason in an `error` header); in
 * standalone, where no one reads the in-process bus's dead-letter topic, the `dead_letters`
 * table. Each one is also logged at error level with its event id and reason, and counted.
 */
export class DeadLetterOffice {
  private readonly logger = new Logger('DeadLetters');
  private readonly counter: Counter<'reason'>;
  private readonly topic: string;
  private readonly toKafka: boolean;

  constructor(
    private readonly clickhouse: ClickHouseClient,
    private readonly bus: EventBus,
    config: AnalyticsConfig,
    metrics: Metrics,
  ) {
    this.topic = deadLetterTopic(config.ORDER_EVENTS_TOPIC);
    this.toKafka = config.KAFKA_BROKERS.length > 0;
    this.counter = metrics.counter('grants_events_dead_lettered_total', 'Order events sent to the dead-letter topic (standalone: table)', ['reason']);
  }

  /** Resolves once every letter is stored; a failure rejects, and the bus delivers the batch again. */
  async send(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    if (this.toKafka) {
      await this.bus.publish(letters.map(({ message, error }) => ({ ...message, topic: this.topic, headers: { ...message.headers, error } })));
    } else {
      await this.insert(letters);
    }
    for (const letter of letters) {
      this.counter.inc({ reason: letter.reason });
      inMessageLogContext(letter.message, () =>
        this.logger.error(`event ${eventIdOf(letter.message)} not ingested (${letter.reason}), kept in ${this.toKafka ? this.topic : 'table dead_letters'}: ${letter.error}`),
      );
    }
  }

  private async insert(letters: DeadLetter[]): Promise<void> {
    // A token of its own, like every insert here (chDB keeps the last one for the session), and
    // derived from the messages, so a redelivered batch does not store its letters twice.
    const token = createHash('sha256');
    for (const { message } of letters) token.update(`${message.key}\n${message.value}\n`);
    await this.clickhouse.insert({
      table: 'dead_letters',
      values: letters.map(({ message, reason, error }) => ({
        topic: message.topic,
        message_key: message.key,
        event_id: eventIdOf(message),
        reason,
        error,
        value: message.value,
        headers: JSON.stringify(message.headers),
      })),
      format: 'JSONEachRow',
      clickhouse_settings: { insert_deduplication_token: `dead-letters-${token.digest('hex')}` },
    });
  }
}
