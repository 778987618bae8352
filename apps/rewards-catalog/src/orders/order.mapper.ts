import type { OrderEventData, OrderFulfillment, OrderStatus, OrderSummary, OrderView } from '@phoenix/contracts';
import type { OrderRecord } from './order.record';

/** Users learn what a wallet delivery credits; tenant internals (notes, retry policy) stay hidden. */
export function publicFulfillment(fulfillment: OrderRecord['fulfillment']): OrderFulfillment {
  if (fulfillment.type !== 'wallet') return { type: fulfillment.type };
  const { type, item_type, currency, amount, item_id } = fulfillment as Record<string, unknown>;
  return JSON.parse(JSON.stringify({ type, item_type, currency, amount, item_id })) as OrderFulfillment;
}

export function toOrderView(order: OrderRecord): OrderView {
  return {
    id: order.id,
    tenant_id: order.tenant_id,
    user_id: order.user_id,
    reward_id: order.reward_id,
    variant_id: order.variant_id,
    source_type: order.source_type,
    source_ref: order.source_ref,
    status: order.status as OrderStatus,
    fields: order.fields,
    fulfillment: publicFulfillment(order.fulfillment),
    requires_claim: order.requires_claim,
    expires_at: order.expires_at?.toISOString() ?? null,
    created_at: order.created_at.toISOString(),
    updated_at: order.updated_at.toISOString(),
  };
}

export function toOrderSummary(order: OrderRecord): OrderSummary {
  return {
    id: order.id,
    reward_id: order.reward_id,
    reward_name: order.reward_name,
    reward_image_url: order.reward_image_url,
    variant_id: order.variant_id,
    source_type: order.source_type,
    status: order.status as OrderStatus,
    requires_claim: order.requires_claim,
    created_at: order.created_at.toISOString(),
  };
}

export function toEventData(order: OrderRecord): OrderEventData {
  const data = (order.status as { data?: Record<string, unknown> }).data;
  return {
    order_id: order.id,
    user_id: order.user_id,
    reward_id: order.reward_id,
    reward_slug: order.reward_slug,
    reward_name: order.reward_name,
    variant_id: order.variant_id,
    state: order.state,
    status: order.status as OrderStatus,
    source_type: order.source_type,
    source_ref: order.source_ref,
    source_name: order.source_name,
    source_context: order.source_context,
    metadata: order.metadata,
    fulfillment_type: order.fulfillment_type,
    fulfillment: order.fulfillment as OrderFulfillment,
    fulfillment_data: data ?? null,
    price: order.price_currency ? { currency: order.price_currency, amount: Number(order.price_amount) } : null,
    requires_claim: order.requires_claim,
    expires_at: order.expires_at?.toISOString() ?? null,
    created_at: order.created_at.toISOString(),
    updated_at: order.updated_at.toISOString(),
    version: order.version,
  };
}
