import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Patterns } from '@phoenix/contracts';
import { ServiceClient, serviceToken } from '@phoenix/platform';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';

const BATCH = 500;

/**
 * Expires claimable orders past their `expires_at` (rewards-catalog does the change: it owns
 * orders and stock). Safe with several replicas: the catalog skips rows another sweep holds.
 */
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ExpirySweeper');
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .then(() => undefined)
        .finally(() => (this.sweeping = undefined));
    }, this.config.EXPIRY_SWEEP_MS);
  }

  /** Before the shutdown hooks, so the sweep under way ends before the catalog client closes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  async sweep(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const { expired } = await this.catalog.send(Patterns.ordersExpireDue, { limit: BATCH });
        total += expired;
        if (expired < BATCH) break;
      }
      if (total) this.logger.log(`Expired ${total} unclaimed order(s)`);
    } catch (error) {
      this.logger.warn({ err: error }, 'Expiry sweep failed; next sweep retries');
    }
    return total;
  }
}
