import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventEnvelope, OrderEventData, parseOrderEventMessage } from '@phoenix/contracts';
import { BusMessage, EventBus, inMessageContext } from '@phoenix/platform';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';
import { EVENT_BUS } from '../jobs/job-intake';
import { WebhookRepository } from './webhook.repository';
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

  async handle(messages: BusMessage[]): Promise<void> {
    let enqueued = 0;
    try {
      for (const message of messages) {
        await inMessageContext(message, 'webhook-intake', async () => {
          const event = parseOrderEventMessage(message.value);
          if (!event) return; // dead-lettered by grants-analytics
          enqueued += await this.webhooks.enqueue(event.tenant_id, event.event_id, event.event_type, webhookPayload(event));
        });
      }
    } finally {
      // Also when a later message failed: the deliveries already committed need not wait for the redelivery.
      if (enqueued > 0) this.sender.wake();
    }
  }
}
