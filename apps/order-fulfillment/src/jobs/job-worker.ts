import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppError, ErrorCode, Patterns } from '@phoenix/contracts';
import { Metrics, PollingLoops, ServiceClient, ServiceUnreachableError, SpanKind, inSpan, serviceToken, startPollingLoops } from '@phoenix/platform';
import { Counter } from 'prom-client';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';
import { callFulfillmentApi } from '../outbound/api-fulfillment.client';
import { assertOutboundUrl, VettedUrl } from '../outbound/outbound-url';
import { JobEnd, JobRecord, JobRepository } from './job.repository';

/** Calls to rewards-catalog in one API attempt: the order's state, the tenant's target, the outcome. */
const CATALOG_CALLS_PER_ATTEMPT = 3;

/**
 * How long a taken job stays with its worker: the longest an attempt may take (its calls to
 * rewards-catalog, each bounded by SERVICE_TIMEOUT_MS, and the tenant's API call) plus a
 * margin. Past it, a job whose worker died is due again; a worker that overran it finds its
 * lease token replaced and writes nothing more (job.repository.ts).
 */
export function leaseMs(config: Pick<FulfillmentConfig, 'FULFILLMENT_HTTP_TIMEOUT_MS' | 'SERVICE_TIMEOUT_MS'>): number {
  return config.FULFILLMENT_HTTP_TIMEOUT_MS + CATALOG_CALLS_PER_ATTEMPT * config.SERVICE_TIMEOUT_MS + 5_000;
}

/**
 * rewards-catalog unreachable (down or restarting) is not a failed attempt of the order: the
 * job is due again after this, its attempts kept, for as long as it takes. (On the reward's
 * backoff a wallet order could wait a minute after the catalog is back, and a long outage
 * would fail orders that nothing was wrong with.) A catalog that is reached but does not
 * answer in time is busy: that stays a failed attempt with its backoff, as resending soon
 * would only add to its queue.
 */
export const CATALOG_UNREACHABLE_RETRY_MS = 2_000;

type ApiCall = { url: VettedUrl; secret: string } | { leftFulfilling: string };

const catalogUnreachable = (error: unknown): error is ServiceUnreachableError => error instanceof ServiceUnreachableError;

/**
 * Runs due jobs with FULFILLMENT_CONCURRENCY workers. A wallet job asks rewards-catalog to
 * credit and complete the order; an API job calls the tenant, then completes the order, or
 * retries on the reward's backoff, or fails it after `max_attempts`. Idle workers sleep until
 * the intake adds a job (`wake`), the next retry or lease end is due, or the safety poll
 * (FULFILLMENT_POLL_MS) comes round for jobs another replica's intake added.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  private readonly outcomes: Counter<'type' | 'outcome'>;
  private readonly leaseMs: number;
  private loops?: PollingLoops;

  constructor(
    private readonly jobs: JobRepository,
    @Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
    metrics: Metrics,
  ) {
    this.outcomes = metrics.counter('fulfillment_attempts_total', 'Fulfillment attempts by type and outcome (completed, retry, failed, dropped, unavailable)', [
      'type',
      'outcome',
    ]);
    this.leaseMs = leaseMs(config);
  }

  onApplicationBootstrap(): void {
    this.loops = startPollingLoops({
      count: this.config.FULFILLMENT_CONCURRENCY,
      idleMs: this.config.FULFILLMENT_POLL_MS,
      runOnce: () => this.runOnce(),
      nextDueInMs: () => this.jobs.nextDueInMs(),
      logger: this.logger,
      what: 'Fulfillment job',
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loops?.stop();
  }

  /** A job was committed for now: idle workers take it at once. */
  wake(): void {
    this.loops?.wake();
  }

  /** Runs one due job if there is one. */
  async runOnce(): Promise<boolean> {
    const job = await this.jobs.claimDue(this.leaseMs);
    if (!job) return false;
    // Each attempt is a unit of work of its own: its log lines (and the catalog's, through the
    // RPC calls) carry its trace id, tenant and order.
    await inSpan(`fulfillment ${job.kind}`, SpanKind.INTERNAL, undefined, { tenant_id: job.tenant_id, order_id: job.order_id }, () =>
      job.kind === 'wallet' ? this.runWallet(job) : this.runApi(job),
    );
    return true;
  }

  private async runWallet(job: JobRecord): Promise<void> {
    const attempts = job.attempts + 1;
    try {
      await this.catalog.send(Patterns.ordersFulfillWallet, { tenant_id: job.tenant_id, order_id: job.order_id });
    } catch (error) {
      if (catalogUnreachable(error)) return this.whenCatalogIsBack(job, error);
      const permanent = error instanceof AppError && [ErrorCode.NotFound, ErrorCode.Conflict, ErrorCode.Validation].includes(error.code);
      await this.afterFailure(job, attempts, (error as Error).message, permanent);
      return;
    }
    await this.end(job, 'done', attempts, null, 'completed');
  }

  private async runApi(job: JobRecord): Promise<void> {
    const attempts = job.attempts + 1;
    let call: ApiCall;
    try {
      call = await this.prepareApiCall(job);
    } catch (error) {
      if (catalogUnreachable(error)) return this.whenCatalogIsBack(job, error);
      await this.afterFailure(job, attempts, (error as Error).message, error instanceof AppError && error.code === ErrorCode.Validation);
      return;
    }
    if ('leftFulfilling' in call) {
      await this.end(job, 'dropped', job.attempts, `the order is ${call.leftFulfilling}, no longer fulfilling: the tenant was not called`, 'dropped');
      return;
    }
    const result = await callFulfillmentApi(call.url, call.secret, job.order_id, { ...job.payload, attempt: attempts }, this.config.FULFILLMENT_HTTP_TIMEOUT_MS);
    if (!result.ok) {
      await this.afterFailure(job, attempts, result.error ?? 'failed', false);
      return;
    }
    if (!(await this.jobs.holdsLease(job, this.leaseMs))) return this.lostLease(job);
    try {
      await this.catalog.send(Patterns.ordersCompleteFulfillment, {
        tenant_id: job.tenant_id,
        order_id: job.order_id,
        data: { type: 'api', external_id: result.externalId },
      });
    } catch (error) {
      // The tenant is called again then, with the same Idempotency-Key.
      if (catalogUnreachable(error)) return this.whenCatalogIsBack(job, error);
      throw error;
    }
    await this.end(job, 'done', attempts, null, 'completed');
  }

  /**
   * Where to send the order and how to sign it. An order that left `fulfilling` since the job
   * was made (refunded meanwhile) must not be delivered: it is checked right before the call.
   */
  private async prepareApiCall(job: JobRecord): Promise<ApiCall> {
    const order = await this.catalog.send(Patterns.ordersGet, { tenant_id: job.tenant_id, order_id: job.order_id });
    if (order.status.state !== 'fulfilling') return { leftFulfilling: order.status.state };
    const target = await this.catalog.send(Patterns.tenantsFulfillmentTarget, { tenant_id: job.tenant_id });
    if (!target.fulfillment_url) throw AppError.validation('The tenant has no fulfillment_url (PUT settings)');
    return { url: await assertOutboundUrl(target.fulfillment_url, this.config.WEBHOOK_ALLOW_PRIVATE), secret: target.signing_secret };
  }

  /** Retries after the reward's backoff, or fails the order once attempts are used up. */
  private async afterFailure(job: JobRecord, attempts: number, reason: string, permanent: boolean): Promise<void> {
    if (!permanent && attempts < job.max_attempts) {
      // backoff_seconds[n - 1] follows the n-th failed attempt; past its end the last entry repeats.
      const backoff = job.backoff_seconds[Math.min(attempts - 1, job.backoff_seconds.length - 1)] ?? 60;
      if (await this.jobs.retryLater(job, attempts, backoff * 1000 * this.config.FULFILLMENT_BACKOFF_SCALE, reason)) {
        this.outcomes.inc({ type: job.kind, outcome: 'retry' });
      } else {
        this.lostLease(job);
      }
      return;
    }
    if (!(await this.jobs.holdsLease(job, this.leaseMs))) return this.lostLease(job);
    const final = `Fulfillment failed after ${attempts} attempt(s): ${reason}`;
    await this.catalog.send(Patterns.ordersFailFulfillment, { tenant_id: job.tenant_id, order_id: job.order_id, reason: final.slice(0, 2_000) });
    await this.end(job, 'failed', attempts, reason, 'failed');
  }

  /** The attempt could not reach rewards-catalog: due again shortly, not counted as an attempt. */
  private async whenCatalogIsBack(job: JobRecord, error: ServiceUnreachableError): Promise<void> {
    if (await this.jobs.retryLater(job, job.attempts, CATALOG_UNREACHABLE_RETRY_MS, error.message)) this.outcomes.inc({ type: job.kind, outcome: 'unavailable' });
    else this.lostLease(job);
  }

  /** Ends the job and counts its outcome, unless its lease ran out and another worker holds it now. */
  private async end(job: JobRecord, state: JobEnd, attempts: number, error: string | null, outcome: string): Promise<void> {
    if (await this.jobs.finish(job, state, attempts, error)) this.outcomes.inc({ type: job.kind, outcome });
    else this.lostLease(job);
  }

  /** The job went to another worker (this attempt overran its lease): that worker settles it. */
  private lostLease(job: JobRecord): void {
    this.logger.warn(`The lease on the job of order ${job.order_id} ran out during an attempt: its next holder settles it`);
  }
}
