import { Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, OrderEventData } from '@phoenix/contracts';
import { BusMessage, inMessageLogContext } from '@phoenix/platform';
import { ExpirySweeper } from '../expiry/expiry-sweeper';
import { JobRepository, NewJob } from './job.repository';
import { JobWorker } from './job-worker';

/** A wallet delivery is a call to rewards-catalog: retried quickly on a transient failure. */
const WALLET_RETRY = { maxAttempts: 10, backoffSeconds: [1, 5, 15, 60] };

/**
 * Turns `order.fulfilling` events into jobs, and tells the expiry sweeper of every claimable
 * order's deadline (the events come from OrderEventIntake). Each entry of an order into
 * fulfilling (at creation, after a claim, on an admin retry) gets its own job, at most once.
 * The workers are woken once a batch's jobs are committed, so a job starts as soon as its
 * event arrives.
 */
@Injectable()
export class JobIntake {
  private readonly logger = new Logger('JobIntake');

  constructor(
    private readonly jobs: JobRepository,
    private readonly worker: JobWorker,
    private readonly sweeper: ExpirySweeper,
  ) {}

  /** The job an event asks for, if any: an order that entered fulfilling by wallet or API. */
  jobOf(event: EventEnvelope<OrderEventData>, message: BusMessage): NewJob | undefined {
    // A claimable order with a deadline: the expiry sweeper wakes for it then.
    if (event.data.state === 'pending_claim' && event.data.expires_at) this.sweeper.expiresAt(event.data.expires_at);
    if (event.event_type !== 'order.fulfilling') return undefined;
    const order = event.data;
    if (order.fulfillment_type === 'manual') return undefined;
    const retry =
      order.fulfillment_type === 'api' ? (order.fulfillment as { retry?: { max_attempts: number; backoff_seconds: number[] } }).retry : undefined;
    inMessageLogContext(message, () => this.logger.debug(`job for order ${order.order_id} (round ${order.version})`));
    return {
      tenantId: event.tenant_id,
      orderId: order.order_id,
      round: order.version,
      kind: order.fulfillment_type,
      maxAttempts: retry?.max_attempts ?? WALLET_RETRY.maxAttempts,
      backoffSeconds: retry?.backoff_seconds ?? WALLET_RETRY.backoffSeconds,
      payload: order,
    };
  }

  /** One statement for a batch's jobs (a job already there is kept: redelivery adds nothing). */
  async store(jobs: NewJob[]): Promise<void> {
    if ((await this.jobs.addAll(jobs)) > 0) this.worker.wake();
  }
}
