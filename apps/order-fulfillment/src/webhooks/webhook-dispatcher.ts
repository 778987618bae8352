import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventEnvelope, OrderEventData, parseOrderEventMessage } from '@phoenix/contracts';
import { BusMessage, EventBus } from '@phoenix/platform';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';
import { EVENT_BUS } from '../jobs/job-intake';
import { WebhookEvent, WebhookRepository } from './webhook.repository';
import { WebhookSender } from './webhook-sender';

/** The body of a webhook (SPEC §7). */
export function webhookPayload(event: EventEnvelope<OrderEventData>): Record<string, unknown> {
  return {
    event_type: event.event_type,
    tenant_id: event.tenant_id,
    timestamp: event.occurred_at,
    data: {
      order_id: event.data.order_id,
      user_id: event.data.user_id,
      reward_id: event.data.reward_id,
      reward_slug: event.data.reward_slug,
      fulfillment_type: event.data.fulfillment_type,
      fulfillment_data: event.data.fulfillment_data ?? {},
    },
  };
}

/**
 * Order events in, one delivery per subscribed endpoint out (its own consumer group). The
 * sender is woken once the batch's deliveries are committed, so a webhook leaves as soon as
 * its event arrives rather than at the next poll.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
    private readonly webhooks: WebhookRepository,
    private readonly sender: WebhookSender,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe(this.config.ORDER_EVENTS_TOPIC, this.config.WEBHOOK_GROUP_ID, (messages) => this.handle(messages));
  }

  /** One statement per batch of events (the consumer works in batches: no span per event). */
  async handle(messages: BusMessage[]): Promise<void> {
    const events: WebhookEvent[] = [];
    for (const message of messages) {
      const event = parseOrderEventMessage(message.value);
      if (!event) continue; // dead-lettered by grants-analytics
      events.push({ tenantId: event.tenant_id, eventId: event.event_id, eventType: event.event_type, payload: webhookPayload(event) });
    }
    if ((await this.webhooks.enqueueAll(events)) > 0) this.sender.wake();
  }
}
