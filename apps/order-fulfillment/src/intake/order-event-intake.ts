import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { parseOrderEventMessage } from '@phoenix/contracts';
import { BusMessage, EventBus, KafkaEventBus } from '@phoenix/platform';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';
import { JobIntake } from '../jobs/job-intake';
import type { NewJob } from '../jobs/job.repository';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import type { WebhookEvent } from '../webhooks/webhook.repository';

export const EVENT_BUS = Symbol('EVENT_BUS');

interface Intake {
  jobs: NewJob[];
  deliveries: WebhookEvent[];
}

/**
 * The service's one consumer of order events (group FULFILLMENT_GROUP_ID): each event is
 * fetched and read once, for the jobs it asks for and for the webhook deliveries it makes.
 * Two consumer groups read and decoded every event twice, and each polled Kafka when idle.
 * Both stores are idempotent (a job per order and round, a delivery per endpoint and event),
 * so a batch is committed once both hold it, and redelivered whole if either fails; both are
 * in the service's own Postgres, which either store failing usually means for the other too.
 * The consumer works in batches, so there is no span per event: log lines carry its trace.
 */
@Injectable()
export class OrderEventIntake implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
    private readonly jobs: JobIntake,
    private readonly webhooks: WebhookDispatcher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe<Intake>(this.config.ORDER_EVENTS_TOPIC, this.config.FULFILLMENT_GROUP_ID, {
      prepare: (messages) => this.read(messages),
      store: (batches) => this.store(batches),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.bus instanceof KafkaEventBus) await this.bus.close();
  }

  /** CPU only, as soon as a batch arrives (see StagedHandler); a malformed event is not ours (grants-analytics dead-letters it). */
  read(messages: BusMessage[]): Intake {
    const intake: Intake = { jobs: [], deliveries: [] };
    for (const message of messages) {
      const event = parseOrderEventMessage(message.value);
      if (!event) continue;
      const job = this.jobs.jobOf(event, message);
      if (job) intake.jobs.push(job);
      intake.deliveries.push(this.webhooks.deliveryOf(event));
    }
    return intake;
  }

  async store(batches: Intake[]): Promise<void> {
    await Promise.all([this.jobs.store(batches.flatMap((b) => b.jobs)), this.webhooks.store(batches.flatMap((b) => b.deliveries))]);
  }
}
