import { z } from 'zod';
import { IsoDateTimeSchema, LimitSchema, OffsetSchema, TenantIdSchema } from '../common/primitives';
import { EVENT_TYPES, EventType } from '../events/event-catalog';

const EventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

export const CreateWebhookBodySchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2_000),
  events: z.array(EventTypeSchema).min(1).max(EVENT_TYPES.length),
  enabled: z.boolean().default(true),
});
export type CreateWebhookBody = z.infer<typeof CreateWebhookBodySchema>;

export const UpdateWebhookBodySchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2_000).optional(),
  events: z.array(EventTypeSchema).min(1).max(EVENT_TYPES.length).optional(),
  /** Re-enabling an endpoint clears its failure streak. */
  enabled: z.boolean().optional(),
});
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBodySchema>;

export const WebhookViewSchema = z.object({
  id: z.uuid(),
  tenant_id: z.string(),
  url: z.url(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  failure_streak: z.number().int(),
  disabled_reason: z.string().nullable(),
  /** Until when the secret replaced by the last rotation still signs deliveries (beside the new one); null when none does. */
  previous_secret_expires_at: IsoDateTimeSchema.nullable(),
  created_at: IsoDateTimeSchema,
  updated_at: IsoDateTimeSchema,
});
export type WebhookView = z.infer<typeof WebhookViewSchema>;

/** Returned at creation only: the signing secret is shown once. */
export const WebhookCreatedSchema = WebhookViewSchema.extend({ secret: z.string() });
export type WebhookCreated = z.infer<typeof WebhookCreatedSchema>;

/** The longest grace period of a rotation: a week, time enough to roll a receiver's secret out. */
export const MAX_SECRET_GRACE_SECONDS = 7 * 24 * 3600;

export const RotateWebhookSecretBodySchema = z.strictObject({
  /** How long the replaced secret keeps signing beside the new one; 0 drops it at once. Default: 24 hours. */
  grace_seconds: z.number().int().min(0).max(MAX_SECRET_GRACE_SECONDS).default(24 * 3600),
});
export type RotateWebhookSecretBody = z.infer<typeof RotateWebhookSecretBodySchema>;

export const WebhookListSchema = z.object({ webhooks: z.array(WebhookViewSchema) });
export type WebhookList = z.infer<typeof WebhookListSchema>;

export const DeliveryAttemptSchema = z.object({
  attempt: z.number().int(),
  at: IsoDateTimeSchema,
  status_code: z.number().int().nullable(),
  latency_ms: z.number().int(),
  error: z.string().nullable(),
  response_snippet: z.string().nullable(),
});

export const DeliveryViewSchema = z.object({
  id: z.uuid(),
  endpoint_id: z.uuid(),
  event_id: z.uuid(),
  event_type: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.array(DeliveryAttemptSchema),
  next_attempt_at: IsoDateTimeSchema.nullable(),
  created_at: IsoDateTimeSchema,
});
export type DeliveryView = z.infer<typeof DeliveryViewSchema>;

export const DeliveryListQuerySchema = z.strictObject({ limit: LimitSchema(50, 200), offset: OffsetSchema });
export const DeliveryListSchema = z.object({
  deliveries: z.array(DeliveryViewSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type DeliveryList = z.infer<typeof DeliveryListSchema>;

// ---- messages between the admin gateway and order-fulfillment ----

const webhookRef = { tenant_id: TenantIdSchema, webhook_id: z.uuid() };

export const WebhookCreateRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, body: CreateWebhookBodySchema });
export const WebhookListRequestSchema = z.strictObject({ tenant_id: TenantIdSchema });
export const WebhookRefRequestSchema = z.strictObject(webhookRef);
export const WebhookUpdateRequestSchema = z.strictObject({ ...webhookRef, body: UpdateWebhookBodySchema });
export const DeliveryListRequestSchema = z.strictObject({ ...webhookRef, query: DeliveryListQuerySchema });
export const RedeliverRequestSchema = z.strictObject({ ...webhookRef, delivery_id: z.uuid() });
export const RotateWebhookSecretRequestSchema = z.strictObject({ ...webhookRef, body: RotateWebhookSecretBodySchema });

export type WebhookCreateRequest = z.infer<typeof WebhookCreateRequestSchema>;
export type WebhookListRequest = z.infer<typeof WebhookListRequestSchema>;
export type WebhookRefRequest = z.infer<typeof WebhookRefRequestSchema>;
export type WebhookUpdateRequest = z.infer<typeof WebhookUpdateRequestSchema>;
export type DeliveryListRequest = z.infer<typeof DeliveryListRequestSchema>;
export type RedeliverRequest = z.infer<typeof RedeliverRequestSchema>;
export type RotateWebhookSecretRequest = z.infer<typeof RotateWebhookSecretRequestSchema>;

// ---- what the platform sends a tenant ----

/** The body of every webhook delivery (SPEC §7): the event and a summary of its order. */
export const WebhookPayloadSchema = z.object({
  event_type: EventTypeSchema,
  tenant_id: z.string(),
  timestamp: IsoDateTimeSchema.describe('When the event happened'),
  data: z.object({
    order_id: z.uuid(),
    user_id: z.string(),
    reward_id: z.uuid(),
    reward_slug: z.string(),
    fulfillment_type: z.enum(['wallet', 'manual', 'api']),
    /** What delivery produced (e.g. the tenant API's `external_id`); empty before. */
    fulfillment_data: z.record(z.string(), z.unknown()),
  }),
}).meta({
  examples: [
    {
      event_type: 'order.completed',
      tenant_id: 'your_tenant',
      timestamp: '2026-01-28T10:31:00Z',
      data: {
        order_id: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
        user_id: 'user_123',
        reward_id: '550e8400-e29b-41d4-a716-446655440000',
        reward_slug: 'airtime-topup',
        fulfillment_type: 'api',
        fulfillment_data: { external_id: 'TXN123456' },
      },
    },
  ],
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;
