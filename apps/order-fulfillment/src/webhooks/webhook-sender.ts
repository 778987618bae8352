import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { webhookBackoffMs } from '@phoenix/domain';
import { Metrics, PollingLoops, SpanKind, inSpan, startPollingLoops } from '@phoenix/platform';
import { Counter, Histogram } from 'prom-client';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';
import { assertOutboundUrl } from '../outbound/outbound-url';
import { signedPost } from '../outbound/signed-post';
import { DeliveryRecord, DeliveryTarget, WebhookRepository } from './webhook.repository';

/**
 * Sends due webhook deliveries: signed POSTs, one log row per attempt, exponential backoff
 * with jitter until WEBHOOK_MAX_ATTEMPTS. An endpoint is disabled after a failure streak,
 * or at once when it answers 410 Gone. Idle senders sleep until a delivery is committed here
 * (`wake`), the next retry or lease end is due, or the safety poll (FULFILLMENT_POLL_MS).
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookSender');
  private readonly outcomes: Counter<'outcome'>;
  private readonly latency: Histogram<'outcome'>;
  private loops?: PollingLoops;

  constructor(
    private readonly webhooks: WebhookRepository,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
    metrics: Metrics,
  ) {
    this.outcomes = metrics.counter('webhook_attempts_total', 'Webhook delivery attempts by outcome (delivered, retry, failed, gone)', ['outcome']);
    this.latency = new Histogram({
      name: 'webhook_attempt_duration_seconds',
      help: 'Time of one webhook attempt',
      labelNames: ['outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    this.loops = startPollingLoops({
      count: this.config.FULFILLMENT_CONCURRENCY,
      idleMs: this.config.FULFILLMENT_POLL_MS,
      runOnce: () => this.sendOnce(),
      nextDueInMs: () => this.webhooks.nextDueInMs(),
      logger: this.logger,
      what: 'Webhook delivery',
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loops?.stop();
  }

  /** A delivery was committed for now: idle senders send it at once. */
  wake(): void {
    this.loops?.wake();
  }

  async sendOnce(): Promise<boolean> {
    const delivery = await this.webhooks.claimDue(2 * this.config.WEBHOOK_TIMEOUT_MS + 5_000);
    if (!delivery) return false;
    // Each attempt is a unit of work of its own (no library sees it): its log lines carry its
    // trace id and tenant, and the POST is its child span (the http instrumentation's, when exported).
    await inSpan('webhook attempt', SpanKind.INTERNAL, undefined, { tenant_id: delivery.tenant_id }, (span) => {
      span.setAttributes({ 'phoenix.webhook.event_type': delivery.event_type, 'phoenix.webhook.attempt': delivery.attempts + 1 });
      return this.attempt(delivery);
    });
    return true;
  }

  private async attempt(delivery: DeliveryRecord & DeliveryTarget): Promise<void> {
    const attempt = delivery.attempts + 1;
    if (!delivery.enabled) {
      // Not sent, but the log says why it failed; redelivery waits for the endpoint to be enabled.
      await this.webhooks.recordAttempt({ delivery_id: delivery.id, status_code: null, latency_ms: 0, error: 'not sent: the webhook is disabled', response_snippet: null });
      await this.webhooks.settle(delivery.id, 'failed', delivery.attempts, 0);
      return;
    }
    let outcome;
    try {
      const url = await assertOutboundUrl(delivery.url, this.config.WEBHOOK_ALLOW_PRIVATE);
      const secrets = delivery.previous_secret ? [delivery.secret, delivery.previous_secret] : [delivery.secret];
      outcome = await signedPost(url, secrets, delivery.event_id, delivery.payload, this.config.WEBHOOK_TIMEOUT_MS);
    } catch (error) {
      outcome = { status: null, text: '', latencyMs: 0, error: (error as Error).message };
    }
    await this.webhooks.recordAttempt({
      delivery_id: delivery.id,
      status_code: outcome.status,
      latency_ms: outcome.latencyMs,
      error: outcome.error,
      response_snippet: outcome.text ? outcome.text.slice(0, 500) : null,
    });
    const delivered = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    const gone = outcome.status === 410;
    const label = delivered ? 'delivered' : gone ? 'gone' : attempt >= this.config.WEBHOOK_MAX_ATTEMPTS ? 'failed' : 'retry';
    this.outcomes.inc({ outcome: label });
    this.latency.observe({ outcome: label }, outcome.latencyMs / 1000);
    if (delivered) {
      await this.webhooks.settle(delivery.id, 'delivered', attempt, 0);
      await this.webhooks.endpointSucceeded(delivery.endpoint_id);
      return;
    }
    await this.webhooks.endpointFailed(delivery.endpoint_id, this.config.WEBHOOK_DISABLE_AFTER_FAILURES, gone);
    if (label === 'retry') {
      await this.webhooks.settle(delivery.id, 'pending', attempt, webhookBackoffMs(attempt) * this.config.WEBHOOK_BACKOFF_SCALE);
    } else {
      await this.webhooks.settle(delivery.id, 'failed', attempt, 0);
    }
  }
}
