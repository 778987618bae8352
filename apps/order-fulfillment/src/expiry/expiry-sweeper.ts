import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Patterns } from '@phoenix/contracts';
import { ServiceClient, serviceToken } from '@phoenix/platform';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';

const BATCH = 500;
/** A due time already past is looked at after this (the database's clock may lag ours a little). */
const MIN_DELAY_MS = 25;
/** After a failed sweep the next one comes at most this long after (or at the safety interval, if shorter). */
const AFTER_FAILURE_MS = 5_000;

/**
 * Expires claimable orders past their `expires_at` (rewards-catalog does the change: it owns
 * orders and stock). Safe with several replicas: the catalog skips rows another sweep holds.
 *
 * The sweeper sleeps until the next expiry it knows of, not on a fixed interval: each sweep
 * learns from the catalog when the earliest remaining claimable order expires, and the order
 * intake tells it of every new claimable order (`expiresAt`), so an order is expired within
 * moments of its `expires_at` and an idle platform sweeps only at the EXPIRY_SWEEP_MS safety
 * interval (for orders nobody told this replica of, e.g. written while it was down).
 */
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ExpirySweeper');
  private timer?: NodeJS.Timeout;
  /** When the armed timer fires (epoch ms); Infinity when none is armed. */
  private wakeAt = Infinity;
  private sweeping?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
  ) {}

  /** A first sweep at once: orders that expired while the app was down. */
  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Before the shutdown hooks, so the sweep under way ends before the catalog client closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** An order became claimable with this `expires_at` (ISO time): a sweep runs then, if none is planned sooner. */
  expiresAt(expiresAt: string): void {
    const at = Date.parse(expiresAt);
    if (Number.isFinite(at)) this.schedule(at - Date.now());
  }

  /** Expires every claimable order past due, a batch at a time. Returns how many, and when the next one is due. */
  async sweep(): Promise<{ expired: number; nextDueInMs: number | null }> {
    let expired = 0;
    for (;;) {
      const result = await this.catalog.send(Patterns.ordersExpireDue, { limit: BATCH });
      expired += result.expired;
      if (result.expired < BATCH) {
        if (expired) this.logger.log(`Expired ${expired} unclaimed order(s)`);
        return { expired, nextDueInMs: result.next_due_in_ms ?? null };
      }
    }
  }

  /** Arms the timer `inMs` from now unless it is already armed to fire sooner. */
  private schedule(inMs: number): void {
    if (this.stopped) return;
    const delay = Math.min(this.config.EXPIRY_SWEEP_MS, Math.max(MIN_DELAY_MS, inMs));
    const at = Date.now() + delay;
    if (at >= this.wakeAt) return;
    clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.timer = undefined;
    this.wakeAt = Infinity;
    // A sweep under way plans the next one when it ends, and it may have begun before the
    // order that asked for this one was committed: look again soon after it.
    if (this.sweeping) {
      void this.sweeping.then(() => this.schedule(0));
      return;
    }
    this.sweeping = this.sweep().then(
      ({ nextDueInMs }) => {
        this.sweeping = undefined;
        this.schedule(nextDueInMs ?? this.config.EXPIRY_SWEEP_MS);
      },
      (error: unknown) => {
        this.sweeping = undefined;
        this.logger.warn({ err: error }, 'Expiry sweep failed; it is tried again shortly');
        this.schedule(AFTER_FAILURE_MS);
      },
    );
  }
}
