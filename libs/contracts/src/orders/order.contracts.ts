import { z } from 'zod';
import { IdempotencyKeySchema, IsoDateTimeSchema, LimitSchema, OffsetSchema, TenantIdSchema, UserIdSchema } from '../common/primitives';
import { FULFILLMENT_TYPES, MAX_FIELD_VALUE_LENGTH } from '../rewards/reward.contracts';

export const ORDER_STATES = ['pending_claim', 'fulfilling', 'completed', 'failed', 'expired', 'refunded'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** Where a grant comes from (seed 000); `purchase` is reserved for purchases. */
export const SourceTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be 1-32 chars of a-z, 0-9 and "_", starting with a letter');

/** Values users type into a reward's fields. Checked against the reward's definitions. */
export const FieldValuesSchema = z.record(z.string().max(64), z.string().max(MAX_FIELD_VALUE_LENGTH)).refine(
  (values) => Object.keys(values).length <= 50,
  'at most 50 fields',
);
export type FieldValues = z.infer<typeof FieldValuesSchema>;

const JsonObjectSchema = z.record(z.string(), z.unknown());

export const OrderStatusSchema = z
  .object({
    state: z.enum(ORDER_STATES),
    started_at: z.string().optional(),
    claimed_at: z.string().optional(),
    completed_at: z.string().optional(),
    failed_at: z.string().optional(),
    expired_at: z.string().optional(),
    refunded_at: z.string().optional(),
    reason: z.string().optional(),
    data: JsonObjectSchema.optional(),
  })
  .loose();
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** What an order says about its delivery: the type, plus what a wallet delivery credits. */
export const OrderFulfillmentSchema = z
  .object({ type: z.enum(FULFILLMENT_TYPES), item_type: z.string().optional(), currency: z.string().optional(), amount: z.number().optional(), item_id: z.string().optional() })
  .loose();
export type OrderFulfillment = z.infer<typeof OrderFulfillmentSchema>;

export const OrderViewSchema = z.object({
  id: z.uuid(),
  tenant_id: z.string(),
  user_id: z.string(),
  reward_id: z.uuid(),
  variant_id: z.string(),
  source_type: z.string(),
  source_ref: z.string().nullable(),
  status: OrderStatusSchema,
  fields: FieldValuesSchema,
  fulfillment: OrderFulfillmentSchema,
  requires_claim: z.boolean(),
  expires_at: IsoDateTimeSchema.nullable(),
  created_at: IsoDateTimeSchema,
  updated_at: IsoDateTimeSchema,
});
export type OrderView = z.infer<typeof OrderViewSchema>;

/** An order in a user's list (seed 001 "List User Orders"). */
export const OrderSummarySchema = z.object({
  id: z.uuid(),
  reward_id: z.uuid(),
  reward_name: z.string(),
  reward_image_url: z.url().nullable(),
  variant_id: z.string(),
  source_type: z.string(),
  status: OrderStatusSchema,
  requires_claim: z.boolean(),
  created_at: IsoDateTimeSchema,
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

export const PurchaseBodySchema = z.strictObject({
  user_id: UserIdSchema,
  idempotency_key: IdempotencyKeySchema,
  currency: z.string().min(1).max(64),
  fields: FieldValuesSchema.default({}),
  variant_id: z.string().min(1).max(64).optional(),
}).meta({ examples: [{ user_id: 'user_123', idempotency_key: 'purchase_user123_airtime_1706345678', currency: 'gold_coins', fields: { phone_number: '+251912345678' } }] });
export type PurchaseBody = z.infer<typeof PurchaseBodySchema>;

export const PurchaseResultSchema = z.object({ order: OrderViewSchema, was_cached: z.boolean() });
export type PurchaseResult = z.infer<typeof PurchaseResultSchema>;

/**
 * A grant's `metadata` travels in every event of its order and in each grant-history row, so
 * it is kept small: at most this many bytes as JSON.
 */
export const MAX_GRANT_METADATA_BYTES = 16 * 1024;
const GrantMetadataSchema = JsonObjectSchema.refine(
  (metadata) => new TextEncoder().encode(JSON.stringify(metadata)).length <= MAX_GRANT_METADATA_BYTES,
  `must be at most ${MAX_GRANT_METADATA_BYTES / 1024} KB as JSON`,
);

export const GrantBodySchema = z.strictObject({
  user_id: UserIdSchema,
  reward_id: z.uuid(),
  source_type: SourceTypeSchema.refine((v) => v !== 'purchase', '"purchase" is reserved for purchases'),
  source_ref: z.string().min(1).max(255),
  expires_at: z.iso.datetime({ offset: true }).optional(),
  fields: FieldValuesSchema.optional(),
  source_name: z.string().max(255).optional(),
  source_context: z.string().max(255).optional(),
  metadata: GrantMetadataSchema.optional(),
  idempotency_key: IdempotencyKeySchema.optional(),
  variant_id: z.string().min(1).max(64).optional(),
}).meta({ examples: [{ user_id: 'user_123', reward_id: '550e8400-e29b-41d4-a716-446655440000', source_type: 'leaderboard', source_ref: 'weekly_top10', expires_at: '2026-02-28T23:59:59Z' }] });
export type GrantBody = z.infer<typeof GrantBodySchema>;

export const GrantResultSchema = z.object({ order: OrderViewSchema, was_cached: z.boolean() });
export type GrantResult = z.infer<typeof GrantResultSchema>;

export const MAX_BULK_GRANTS = 1_000;
export const BulkGrantBodySchema = z.strictObject({ grants: z.array(z.unknown()).min(1).max(MAX_BULK_GRANTS) });

export const BulkGrantItemResultSchema = z.object({
  index: z.number().int(),
  status: z.number().int(),
  order: OrderViewSchema.optional(),
  was_cached: z.boolean().optional(),
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() }).optional(),
});
export const BulkGrantResultSchema = z.object({
  results: z.array(BulkGrantItemResultSchema),
  created: z.number().int(),
  cached: z.number().int(),
  failed: z.number().int(),
});
export type BulkGrantResult = z.infer<typeof BulkGrantResultSchema>;

export const ClaimBodySchema = z.strictObject({ user_id: UserIdSchema, fields: FieldValuesSchema.default({}) }).meta({ examples: [{ user_id: 'user_123', fields: { phone_number: '+251912345678', address: '123 Main St, Addis Ababa' } }] });
export type ClaimBody = z.infer<typeof ClaimBodySchema>;
export const ClaimResultSchema = z.object({ order: OrderViewSchema });

export const UserOrdersQuerySchema = z.strictObject({
  status: z.enum(ORDER_STATES).optional().describe('Only orders in this state'),
  limit: LimitSchema(20, 100),
  offset: OffsetSchema,
});
export const UserOrderListSchema = z.object({
  orders: z.array(OrderSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type UserOrderList = z.infer<typeof UserOrderListSchema>;

export const RecentFieldsQuerySchema = z.strictObject({ user_id: UserIdSchema });
export const RecentFieldsSchema = z.object({ fields: z.record(z.string(), z.string()) });
export type RecentFields = z.infer<typeof RecentFieldsSchema>;

export const AdminOrdersQuerySchema = z.strictObject({
  state: z.enum(ORDER_STATES).optional().describe('Only orders in this state'),
  user_id: UserIdSchema.optional().describe('Only this user’s orders'),
  reward_id: z.uuid().optional().describe('Only orders of this reward'),
  fulfillment_type: z.enum(FULFILLMENT_TYPES).optional().describe('Only orders delivered this way'),
  limit: LimitSchema(50, 200),
  offset: OffsetSchema,
});
export const AdminOrderListSchema = z.object({
  orders: z.array(OrderViewSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type AdminOrderList = z.infer<typeof AdminOrderListSchema>;

/** Manual completion (tracking details kept in `status.data`) or failure (with a reason). */
export const AdminOrderUpdateBodySchema = z.strictObject({
  status: z.discriminatedUnion('state', [
    z
      .object({ state: z.literal('completed') })
      .catchall(z.union([z.string().max(2_000), z.number(), z.boolean(), z.null()]))
      .refine((s) => Object.keys(s).length <= 20, 'at most 20 details'),
    z.strictObject({ state: z.literal('failed'), reason: z.string().min(1).max(2_000) }),
  ]),
});
export type AdminOrderUpdateBody = z.infer<typeof AdminOrderUpdateBodySchema>;

export const RefundBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(2_000) }).meta({ examples: [{ reason: 'Customer requested cancellation' }] });
export type RefundBody = z.infer<typeof RefundBodySchema>;

// ---- messages between the gateways and rewards-catalog ----

const tenantUser = { tenant_id: TenantIdSchema, user_id: UserIdSchema };

export const PurchaseRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, slug: z.string().min(1).max(200), body: PurchaseBodySchema });
export const GrantRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, body: GrantBodySchema });
export const BulkGrantRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, grants: z.array(z.unknown()).min(1).max(MAX_BULK_GRANTS) });
export const ClaimRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, order_id: z.uuid(), body: ClaimBodySchema });
export const UserOrdersRequestSchema = z.strictObject({ ...tenantUser, query: UserOrdersQuerySchema });
export const UserOrderRequestSchema = z.strictObject({ ...tenantUser, order_id: z.uuid() });
export const RecentFieldsRequestSchema = z.strictObject(tenantUser);
export const AdminOrdersRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, query: AdminOrdersQuerySchema });
export const OrderRefRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, order_id: z.uuid() });
export const AdminOrderUpdateRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, order_id: z.uuid(), body: AdminOrderUpdateBodySchema });
export const RefundRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, order_id: z.uuid(), body: RefundBodySchema });

export type PurchaseRequest = z.infer<typeof PurchaseRequestSchema>;
export type GrantRequest = z.infer<typeof GrantRequestSchema>;
export type BulkGrantRequest = z.infer<typeof BulkGrantRequestSchema>;
export type ClaimRequest = z.infer<typeof ClaimRequestSchema>;
export type UserOrdersRequest = z.infer<typeof UserOrdersRequestSchema>;
export type UserOrderRequest = z.infer<typeof UserOrderRequestSchema>;
export type RecentFieldsRequest = z.infer<typeof RecentFieldsRequestSchema>;
export type AdminOrdersRequest = z.infer<typeof AdminOrdersRequestSchema>;
export type OrderRefRequest = z.infer<typeof OrderRefRequestSchema>;
export type AdminOrderUpdateRequest = z.infer<typeof AdminOrderUpdateRequestSchema>;
export type RefundRequest = z.infer<typeof RefundRequestSchema>;
