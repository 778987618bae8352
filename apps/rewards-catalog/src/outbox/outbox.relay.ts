import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database, queryRows } from '@phoenix/persistence';
import { BusMessage, EventBus, KafkaEventBus, Metrics, publishInTheirTraces } from '@phoenix/platform';
import { randomUUID } from 'node:crypto';
import { Gauge } from 'prom-client';
import { CATALOG_CONFIG, CatalogConfig } from '../config';

export const EVENT_BUS = Symbol('EVENT_BUS');

const LEASE = 'outbox-relay';
const LEASE_SECONDS = 10;
/** How long a stopping relay keeps publishing what is left. */
const FINAL_FLUSH_MS = 2_000;
/**
 * After a batch that was not full, the relay lets the next events gather this long before its
 * next round: under load it sends batches, not one round trip per commit.
 */
const BATCH_WINDOW_MS = 50;
/** A woken relay that found the lease held elsewhere tries again after this (see run). */
const LEASE_RETRY_MS = 200;

interface OutboxRow {
  id: string;
  event_id: string;
  aggregate_id: string;
  event_type: string;
  envelope: Record<string, unknown>;
  tenant_id: string;
  trace_context: Record<string, string> | null;
}

/**
 * Publishes outbox rows to the bus in id order, and marks them sent only after the bus has
 * them (Kafka: acknowledged by all in-sync replicas). One replica relays at a time (a lease
 * in Postgres), so the events of one order leave in the order they were written. While the
 * bus is down, events wait in the outbox; a restart picks up where it stopped.
 *
 * The relay sleeps while there is nothing to send: a commit that wrote outbox rows wakes it
 * (OutboxCommitWaker), and OUTBOX_POLL_MS is only the safety poll for rows nothing woke it for.
 * An idle relay gives its lease back, so another replica can take it at its own next wake-up.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly holder = randomUUID();
  private running = false;
  private loop?: Promise<void>;
  /** Ends the current pause (the shutdown always may; a wake-up only if the pause is `wakeable`). */
  private resume?: () => void;
  private wakeable = true;
  /** Counts wake-ups: one that comes during a round makes the relay look again. */
  private wakes = 0;
  /** Woken, but no round has held the lease since: rows committed here may still be unsent. */
  private owed = false;
  private failures = 0;
  private readonly relayed;

  constructor(
    private readonly database: Database,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
    metrics: Metrics,
  ) {
    this.relayed = metrics.counter('outbox_events_relayed_total', 'Outbox events handed to the bus', ['event_type']);
    const backlog = async () => this.backlog();
    new Gauge({
      name: 'outbox_backlog_events',
      help: 'Outbox events not yet published',
      registers: [metrics.registry],
      async collect() {
        this.set((await backlog()).count);
      },
    });
    new Gauge({
      name: 'outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest unpublished outbox event',
      registers: [metrics.registry],
      async collect() {
        this.set((await backlog()).ageSeconds);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Outbox rows were committed: an idle relay sends them at once. */
  wake(): void {
    this.wakes += 1;
    this.owed = true;
    if (this.wakeable) this.resume?.();
  }

  /**
   * Runs after the RPC server has drained, so this replica writes no new events. The batch
   * being relayed is published and marked sent, then what is left is flushed for at most
   * FINAL_FLUSH_MS (a broker outage must not hold the shutdown; unsent events stay in the
   * outbox for the next holder of the lease, which is released at once). Then the Kafka
   * connection closes; the in-process bus belongs to the whole process and stays open.
   */
  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.resume?.();
    await this.loop;
    const until = Date.now() + FINAL_FLUSH_MS;
    try {
      while (Date.now() < until && (await this.relayOnce()) > 0);
    } catch (error) {
      this.logger.warn({ err: error }, 'Final outbox flush failed; events stay in the outbox');
    }
    await this.releaseLease().catch(() => undefined);
    if (this.bus instanceof KafkaEventBus) await this.bus.close();
  }

  /** Publishes one batch if this replica holds the lease. Returns how many were sent. */
  async relayOnce(): Promise<number> {
    return (await this.round()).sent;
  }

  /** One round: whether it held the lease, and how many events it sent. */
  private async round(): Promise<{ leased: boolean; sent: number }> {
    if (!(await this.takeLease())) return { leased: false, sent: 0 };
    const rows = await queryRows<OutboxRow>(
      this.database,
      `SELECT id, event_id, tenant_id, aggregate_id, event_type, envelope, trace_context FROM catalog.outbox
       WHERE published_at IS NULL ORDER BY id LIMIT $1`,
      [this.config.OUTBOX_BATCH_SIZE],
    );
    if (rows.length === 0) return { leased: true, sent: 0 };
    const messages = rows.map((row) => toMessage(this.config.ORDER_EVENTS_TOPIC, row));
    await publishInTheirTraces(messages, 'outbox relay', (run) => this.bus.publish(run));
    await queryRows(this.database, `UPDATE catalog.outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
    for (const row of rows) this.relayed.inc({ event_type: row.event_type });
    return { leased: true, sent: rows.length };
  }

  /**
   * Sends until a round finds nothing, then gives the lease back and sleeps until woken or the
   * safety poll. A woken relay whose lease is held by another replica retries shortly until it
   * has run a round itself: the holder's last round may have begun before this replica's commit,
   * and it releases the lease once idle, so a retry soon gets it. Every commit is thereby followed
   * by a round that sees it, whichever replica made it.
   */
  private async run(): Promise<void> {
    while (this.running) {
      const seen = this.wakes;
      const owed = this.owed;
      this.owed = false;
      let outcome: { leased: boolean; sent: number } | undefined;
      try {
        outcome = await this.round();
        this.failures = 0;
      } catch (error) {
        this.owed ||= owed;
        this.failures += 1;
        if (this.failures === 1 || this.failures % 50 === 0) {
          this.logger.warn({ err: error }, `Outbox relay failed ${this.failures} time(s); events wait in the outbox`);
        }
      }
      if (!this.running) break;
      if (!outcome) {
        // Commits go on while the bus is down: they must not cut the backoff short.
        await this.pause(Math.min(5_000, 200 * this.failures), { wakeable: false });
      } else if (outcome.sent === this.config.OUTBOX_BATCH_SIZE) {
        continue;
      } else if (outcome.sent > 0) {
        await this.pause(BATCH_WINDOW_MS, { wakeable: false });
      } else if (!outcome.leased) {
        this.owed ||= owed;
        if (this.wakes === seen) await this.pause(this.owed ? LEASE_RETRY_MS : this.config.OUTBOX_POLL_MS);
      } else if (this.wakes === seen) {
        await this.releaseLease().catch((error: Error) => this.logger.warn({ err: error }, 'Outbox relay could not release its lease; it expires on its own'));
        if (this.wakes === seen) await this.pause(this.config.OUTBOX_POLL_MS);
      }
    }
  }

  /**
   * Sleeps `ms`; the shutdown ends the sleep early, and so does a wake-up unless `wakeable` is false.
   * A pause begun once the shutdown has started (the loop was mid-round when it came) does not
   * sleep at all: the shutdown's resume has already been spent.
   */
  private pause(ms: number, { wakeable = true } = {}): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.resume = done;
      this.wakeable = wakeable;
    });
  }

  private async takeLease(): Promise<boolean> {
    const rows = await queryRows(
      this.database,
      `INSERT INTO catalog.leases (name, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE leases.holder = EXCLUDED.holder OR leases.expires_at < now()
       RETURNING 1`,
      [LEASE, this.holder, LEASE_SECONDS],
    );
    return rows.length === 1;
  }

  private async releaseLease(): Promise<void> {
    await queryRows(this.database, `DELETE FROM catalog.leases WHERE name = $1 AND holder = $2 RETURNING 1`, [LEASE, this.holder]);
  }

  private async backlog(): Promise<{ count: number; ageSeconds: number }> {
    const [row] = await queryRows<{ count: string; age: number | null }>(
      this.database,
      `SELECT count(*) AS count, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS age FROM catalog.outbox WHERE published_at IS NULL`,
    );
    return { count: Number(row?.count ?? 0), ageSeconds: row?.age ?? 0 };
  }
}

function toMessage(topic: string, row: OutboxRow): BusMessage {
  return {
    topic,
    key: row.aggregate_id,
    value: JSON.stringify(row.envelope),
    // traceparent (and the request id) of the request that caused the event, for the consumers.
    headers: { ...row.trace_context, 'event-id': row.event_id, 'event-type': row.event_type, 'tenant-id': row.tenant_id },
  };
}
