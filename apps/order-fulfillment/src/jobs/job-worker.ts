import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppError, ErrorCode, FulfillmentTarget, Patterns } from '@phoenix/contracts';
import { Metrics, ServiceClient, SpanKind, inSpan, serviceToken, startPollingLoops } from '@phoenix/platform';
import { Counter } from 'prom-client';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';
import { callFulfillmentApi } from '../outbound/api-fulfillment.client';
import { assertOutboundUrl } from '../outbound/outbound-url';
import { JobRecord, JobRepository } from './job.repository';

/**
 * How long a taken job stays with its worker: twice the call's timeout plus a margin. Past
 * it, a job whose worker died counts as abandoned and is due again.
 */
const leaseMs = (callTimeoutMs: number) => 2 * callTimeoutMs + 5_000;

/**
 * Runs due jobs with FULFILLMENT_CONCURRENCY workers. A wallet job asks rewards-catalog to
 * credit and complete the order; an API job calls the tenant, then completes the order, or
 * retries on the reward's backoff, or fails it after `max_attempts`.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  private readonly outcomes: Counter<'type' | 'outcome'>;
  private stop?: () => Promise<void>;

  constructor(
    private readonly jobs: JobRepository,
    @Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
    metrics: Metrics,
  ) {
    this.outcomes = metrics.counter('fulfillment_attempts_total', 'Fulfillment attempts by type and outcome (completed, retry, failed)', [
      'type',
      'outcome',
    ]);
  }

  onApplicationBootstrap(): void {
    this.stop = startPollingLoops({
      count: this.config.FULFILLMENT_CONCURRENCY,
      idleMs: this.config.FULFILLMENT_POLL_MS,
      runOnce: () => this.runOnce(),
      logger: this.logger,
      what: 'Fulfillment job',
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop?.();
  }

  /** Runs one due job if there is one. */
  async runOnce(): Promise<boolean> {
    const job = await this.jobs.claimDue(leaseMs(this.config.FULFILLMENT_HTTP_TIMEOUT_MS));
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
      await this.jobs.finish(job.id, 'done', attempts, null);
      this.outcomes.inc({ type: 'wallet', outcome: 'completed' });
    } catch (error) {
      const permanent = error instanceof AppError && [ErrorCode.NotFound, ErrorCode.Conflict, ErrorCode.Validation].includes(error.code);
      await this.afterFailure(job, attempts, (error as Error).message, permanent);
    }
  }

  private async runApi(job: JobRecord): Promise<void> {
    const attempts = job.attempts + 1;
    let target: FulfillmentTarget;
    let url: URL;
    try {
      target = await this.catalog.send(Patterns.tenantsFulfillmentTarget, { tenant_id: job.tenant_id });
      if (!target.fulfillment_url) throw AppError.validation('The tenant has no fulfillment_url (PUT settings)');
      url = await assertOutboundUrl(target.fulfillment_url, this.config.WEBHOOK_ALLOW_PRIVATE);
    } catch (error) {
      await this.afterFailure(job, attempts, (error as Error).message, error instanceof AppError && error.code === ErrorCode.Validation);
      return;
    }
    const result = await callFulfillmentApi(url, target.signing_secret, job.order_id, { ...job.payload, attempt: attempts }, this.config.FULFILLMENT_HTTP_TIMEOUT_MS);
    if (!result.ok) {
      await this.afterFailure(job, attempts, result.error ?? 'failed', false);
      return;
    }
    await this.catalog.send(Patterns.ordersCompleteFulfillment, {
      tenant_id: job.tenant_id,
      order_id: job.order_id,
      data: { type: 'api', external_id: result.externalId, attempts },
    });
    await this.jobs.finish(job.id, 'done', attempts, null);
    this.outcomes.inc({ type: 'api', outcome: 'completed' });
  }

  /** Retries after the reward's backoff, or fails the order once attempts are used up. */
  private async afterFailure(job: JobRecord, attempts: number, reason: string, permanent: boolean): Promise<void> {
    if (!permanent && attempts < job.max_attempts) {
      const backoff = job.backoff_seconds[Math.min(attempts - 1, job.backoff_seconds.length - 1)] ?? 60;
      await this.jobs.retryLater(job.id, attempts, backoff * 1000 * this.config.FULFILLMENT_BACKOFF_SCALE, reason);
      this.outcomes.inc({ type: job.kind, outcome: 'retry' });
      return;
    }
    const final = `Fulfillment failed after ${attempts} attempt(s): ${reason}`;
    await this.catalog.send(Patterns.ordersFailFulfillment, { tenant_id: job.tenant_id, order_id: job.order_id, reason: final.slice(0, 2_000) });
    await this.jobs.finish(job.id, 'failed', attempts, reason);
    this.outcomes.inc({ type: job.kind, outcome: 'failed' });
  }
}
