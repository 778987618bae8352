import { Injectable } from '@nestjs/common';
import { EventEnvelope, OrderEventData, WebhookPayload } from '@phoenix/contracts';
import { WebhookEvent, WebhookRepository } from './webhook.repository';
import { WebhookSender } from './webhook-sender';

/** The body of a webhook (SPEC §7). */
export function webhookPayload(event: EventEnvelope<OrderEventData>): WebhookPayload {
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
 * Order events in (from OrderEventIntake), one delivery per subscribed endpoint out. The sender
 * is woken once a batch's deliveries are committed, so a webhook leaves as soon as its event
 * arrives rather than at the next poll.
 */
@Injectable()
export class WebhookDispatcher {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly sender: WebhookSender,
  ) {}

  deliveryOf(event: EventEnvelope<OrderEventData>): WebhookEvent {
    return { tenantId: event.tenant_id, eventId: event.event_id, eventType: event.event_type, payload: webhookPayload(event) };
  }

  /** One statement for a batch's events (a delivery already there is kept: redelivery adds nothing). */
  async store(events: WebhookEvent[]): Promise<void> {
    if ((await this.webhooks.enqueueAll(events)) > 0) this.sender.wake();
  }
}
