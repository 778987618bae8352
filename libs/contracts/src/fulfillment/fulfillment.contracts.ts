import { z } from 'zod';
import { TenantIdSchema } from '../common/primitives';
import { OrderEventDataSchema } from '../events/order-event-data';

/**
 * Commands order-fulfillment sends rewards-catalog (the owner of orders and wallets) when a
 * delivery finishes. Each is a no-op on an order that is no longer `fulfilling`, so a command
 * repeated after a crash or a redelivered event changes nothing.
 */
const orderRef = { tenant_id: TenantIdSchema, order_id: z.uuid() };

export const FulfillWalletRequestSchema = z.strictObject(orderRef);
export type FulfillWalletRequest = z.infer<typeof FulfillWalletRequestSchema>;

export const CompleteFulfillmentRequestSchema = z.strictObject({ ...orderRef, data: z.record(z.string(), z.unknown()) });
export type CompleteFulfillmentRequest = z.infer<typeof CompleteFulfillmentRequestSchema>;

export const FailFulfillmentRequestSchema = z.strictObject({ ...orderRef, reason: z.string().min(1).max(2_000) });
export type FailFulfillmentRequest = z.infer<typeof FailFulfillmentRequestSchema>;

export const ExpireDueRequestSchema = z.strictObject({ limit: z.number().int().min(1).max(10_000) });
export type ExpireDueRequest = z.infer<typeof ExpireDueRequestSchema>;
export const ExpireDueResultSchema = z.object({
  expired: z.number().int(),
  /** Milliseconds until the earliest claimable order left expires (database clock), null when none; absent from older catalogs. */
  next_due_in_ms: z.number().nullable().optional(),
});
export type ExpireDueResult = z.infer<typeof ExpireDueResultSchema>;

/** Where and how to call a tenant's own fulfillment API. Internal: carries the signing secret. */
export interface FulfillmentTarget {
  tenant_id: string;
  fulfillment_url: string | null;
  signing_secret: string;
}

export const TenantSettingsSchema = z.strictObject({
  /** Where API fulfillment POSTs orders; null removes it. */
  fulfillment_url: z.url({ protocol: /^https?$/ }).max(2_000).nullable().optional(),
  allowed_origins: z.array(z.url().max(500)).max(50).optional(),
});
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

export const TenantSettingsViewSchema = z.object({
  fulfillment_url: z.url().nullable(),
  allowed_origins: z.array(z.url()),
});
export type TenantSettingsView = z.infer<typeof TenantSettingsViewSchema>;

export const UpdateSettingsRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, body: TenantSettingsSchema });
export type UpdateSettingsRequest = z.infer<typeof UpdateSettingsRequestSchema>;

/** What API fulfillment POSTs to a tenant's `fulfillment_url`: the order as its event carries it, and the attempt number. */
export const FulfillmentCallSchema = OrderEventDataSchema.extend({ attempt: z.number().int().min(1).describe('1 on the first call, then one more per retry') });
export type FulfillmentCall = z.infer<typeof FulfillmentCallSchema>;

/** The tenant's answer that counts as delivered: a 2xx with this body. */
export const FulfillmentCallResultSchema = z.object({ external_id: z.string().min(1).max(255).describe("The delivery's id in the tenant's system, kept in the order's status.data") });
