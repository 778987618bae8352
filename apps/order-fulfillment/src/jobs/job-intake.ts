import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { parseOrderEventMessage } from '@phoenix/contracts';
import { BusMessage, EventBus, KafkaEventBus, inMessageLogContext } from '@phoenix/platform';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';
import { ExpirySweeper } from '../expiry/expiry-sweeper';
import { JobRepository, NewJob } from './job.repository';
import { JobWorker } from './job-worker';

export const EVENT_BUS = Symbol('EVENT_BUS');

/** A wallet delivery is a call to rewards-catalog: retried quickly on a transient failure. */
const WALLET_RETRY = { maxAttempts: 10, backoffSeconds: [1, 5, 15, 60] };

/**
 * Turns `order.fulfilling` events into jobs, and tells the expiry sweeper of every claimable
 * order's deadline. Each entry of an order into fulfilling (at
 * creation, after a claim, on an admin retry) gets its own job, at most once. The consumer
 * works in batches, so there is no span per event: its log lines carry the event's trace. The
 * workers are woken once the batch's jobs are committed, so a job starts as soon as its event
 * arrives.
 */
@Injectable()
export class JobIntake implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobIntake');

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
    private readonly jobs: JobRepository,
    private readonly worker: JobWorker,
    private readonly sweeper: ExpirySweeper,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe(this.config.ORDER_EVENTS_TOPIC, this.config.FULFILLMENT_GROUP_ID, (messages) => this.handle(messages));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.bus instanceof KafkaEventBus) await this.bus.close();
  }

  /** One statement per batch of events: a job for each order that entered fulfilling by wallet or API. */
  async handle(messages: BusMessage[]): Promise<void> {
    const jobs: NewJob[] = [];
    for (const message of messages) {
      // grants-analytics dead-letters malformed events; here they are simply not ours.
      const event = parseOrderEventMessage(message.value);
      if (!event) continue;
      // A claimable order with a deadline: the expiry sweeper wakes for it then.
      if (event.data.state === 'pending_claim' && event.data.expires_at) this.sweeper.expiresAt(event.data.expires_at);
      if (event.event_type !== 'order.fulfilling') continue;
      const order = event.data;
      if (order.fulfillment_type === 'manual') continue;
      const retry =
        order.fulfillment_type === 'api'
          ? (order.fulfillment as { retry?: { max_attempts: number; backoff_seconds: number[] } }).retry
          : undefined;
      jobs.push({
        tenantId: event.tenant_id,
        orderId: order.order_id,
        round: order.version,
        kind: order.fulfillment_type,
        maxAttempts: retry?.max_attempts ?? WALLET_RETRY.maxAttempts,
        backoffSeconds: retry?.backoff_seconds ?? WALLET_RETRY.backoffSeconds,
        payload: order,
      });
      inMessageLogContext(message, () => this.logger.debug(`job for order ${order.order_id} (round ${order.version})`));
    }
    if ((await this.jobs.addAll(jobs)) > 0) this.worker.wake();
  }
}
