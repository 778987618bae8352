import { z } from 'zod';
import { TenantIdSchema } from '../common/primitives';

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
  fulfillment_url: z.string().nullable(),
  allowed_origins: z.array(z.string()),
});
export type TenantSettingsView = z.infer<typeof TenantSettingsViewSchema>;

export const UpdateSettingsRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, body: TenantSettingsSchema });
export type UpdateSettingsRequest = z.infer<typeof UpdateSettingsRequestSchema>;
