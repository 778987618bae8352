import { EventEnvelope, OrderEventData, parseEvent } from '@phoenix/contracts';
import type { BusMessage } from '@phoenix/platform';
import { randomUUID } from 'node:crypto';

export interface OrderEventSpec {
  tenantId: string;
  userId?: string;
  orderId?: string;
  at?: string;
}

/** A completed wallet grant's event, checked by the contracts' own parser so it cannot drift. */
export function orderEventFixture(spec: OrderEventSpec): EventEnvelope<OrderEventData> {
  const orderId = spec.orderId ?? randomUUID();
  const at = spec.at ?? new Date().toISOString();
  const data: OrderEventData = {
    order_id: orderId,
    user_id: spec.userId ?? 'user_1',
    reward_id: randomUUID(),
    reward_slug: 'xp-10',
    reward_name: '10 XP',
    variant_id: 'default',
    state: 'completed',
    status: { state: 'completed' },
    source_type: 'promotion',
    source_ref: 'spring',
    source_name: null,
    source_context: null,
    metadata: {},
    fulfillment_type: 'wallet',
    fulfillment: { type: 'wallet', item_type: 'xp', amount: 10 },
    fulfillment_data: null,
    price: null,
    requires_claim: false,
    expires_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const event = { event_id: randomUUID(), event_type: 'order.completed', event_version: 1, tenant_id: spec.tenantId, occurred_at: at, data };
  return parseEvent(event) as EventEnvelope<OrderEventData>;
}

/** An event as the outbox relay puts it on the bus: keyed by order id, its id in a header. */
export function orderEventMessage(topic: string, event: EventEnvelope<OrderEventData>): BusMessage {
  return { topic, key: event.data.order_id, value: JSON.stringify(event), headers: { 'event-id': event.event_id, 'tenant-id': event.tenant_id } };
}
