import { z } from 'zod';
import { IsoDateTimeSchema } from '../common/primitives';
import { OrderFulfillmentSchema, OrderStatusSchema, ORDER_STATES } from '../orders/order.contracts';

/**
 * The order snapshot every order event carries: enough for the grant history (reward,
 * source, delivery), for webhooks and for fulfillment, without reading the catalog.
 */
export const OrderEventDataSchema = z.object({
  order_id: z.string(),
  user_id: z.string(),
  reward_id: z.string(),
  reward_slug: z.string(),
  reward_name: z.string(),
  variant_id: z.string(),
  state: z.enum(ORDER_STATES),
  status: OrderStatusSchema,
  source_type: z.string(),
  source_ref: z.string().nullable(),
  source_name: z.string().nullable(),
  source_context: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  fulfillment_type: z.enum(['wallet', 'manual', 'api']),
  /** The delivery as configured on the reward when the order was made (wallet item, retry policy...). */
  fulfillment: OrderFulfillmentSchema,
  /** What delivery produced, e.g. `{type: "api", external_id}` (status.data). */
  fulfillment_data: z.record(z.string(), z.unknown()).nullable(),
  price: z.object({ currency: z.string(), amount: z.number().int() }).nullable(),
  requires_claim: z.boolean(),
  expires_at: z.string().nullable(),
  created_at: IsoDateTimeSchema,
  updated_at: IsoDateTimeSchema,
  /** Increases by one with every event of the order: the latest state wins downstream. */
  version: z.number().int().min(1),
});
export type OrderEventData = z.infer<typeof OrderEventDataSchema>;
