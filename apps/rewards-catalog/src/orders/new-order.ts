import type { OrderState } from '@phoenix/contracts';
import type { RewardRow } from '@phoenix/persistence';
import { randomUUID } from 'node:crypto';
import { initialStatus } from './order-status';
import type { NewOrder } from './order.record';

export interface OrderOrigin {
  tenantId: string;
  userId: string;
  state: OrderState;
  variantId?: string;
  fields: Record<string, string>;
  source: { type: string; ref: string | null; name?: string | null; context?: string | null; metadata?: Record<string, unknown> };
  price?: { currency: string; amount: number };
  expiresAt?: Date | null;
}

/** A new order row for a reward, with the reward's name, image and delivery copied in. */
export function newOrder(reward: RewardRow, origin: OrderOrigin, now = new Date()): NewOrder {
  const fulfillment = reward.fulfillment as NewOrder['fulfillment'];
  return {
    id: randomUUID(),
    tenant_id: origin.tenantId,
    user_id: origin.userId,
    reward_id: reward.id,
    reward_slug: reward.slug,
    reward_name: reward.name,
    reward_image_url: reward.imageUrl,
    variant_id: origin.variantId ?? 'default',
    source_type: origin.source.type,
    source_ref: origin.source.ref,
    source_name: origin.source.name ?? null,
    source_context: origin.source.context ?? null,
    metadata: origin.source.metadata ?? {},
    state: origin.state,
    status: initialStatus(origin.state, now),
    fields: origin.fields,
    fulfillment_type: fulfillment.type,
    fulfillment,
    requires_claim: reward.requiresClaim || origin.state === 'pending_claim',
    expires_at: origin.expiresAt ?? null,
    price_currency: origin.price?.currency ?? null,
    price_amount: origin.price ? String(origin.price.amount) : null,
    consumed_stock: reward.stock !== null,
    created_at: now,
  };
}
