import type { OrderState } from '@phoenix/contracts';

/** An order row as the repository reads it (column names as in the table). */
export interface OrderRecord {
  id: string;
  tenant_id: string;
  user_id: string;
  reward_id: string;
  reward_slug: string;
  reward_name: string;
  reward_image_url: string | null;
  variant_id: string;
  source_type: string;
  source_ref: string | null;
  source_name: string | null;
  source_context: string | null;
  metadata: Record<string, unknown>;
  state: OrderState;
  status: Record<string, unknown> & { state: OrderState };
  fields: Record<string, string>;
  fulfillment_type: 'wallet' | 'manual' | 'api';
  fulfillment: Record<string, unknown> & { type: 'wallet' | 'manual' | 'api' };
  requires_claim: boolean;
  expires_at: Date | null;
  price_currency: string | null;
  price_amount: string | null;
  consumed_stock: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** An order about to be inserted: its creation time is the app's clock, like its first status. */
export type NewOrder = Omit<OrderRecord, 'version' | 'updated_at'>;

/** The row a new order becomes once inserted (the table's defaults applied). */
export function asInserted(order: NewOrder): OrderRecord {
  return { ...order, version: 1, updated_at: order.created_at };
}

export const ORDER_COLUMNS = `id, tenant_id, user_id, reward_id, reward_slug, reward_name, reward_image_url, variant_id,
  source_type, source_ref, source_name, source_context, metadata, state, status, fields, fulfillment_type, fulfillment,
  requires_claim, expires_at, price_currency, price_amount, consumed_stock, version, created_at, updated_at`;
