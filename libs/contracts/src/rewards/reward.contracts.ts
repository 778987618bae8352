import { z } from 'zod';
import { BadgeIdSchema } from '../wallets/wallet.contracts';
import { AmountSchema, CurrencySchema, IsoDateTimeSchema, LimitSchema, OffsetSchema, TenantIdSchema } from '../common/primitives';

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'must be 1-100 chars of a-z, 0-9, "_" or "-", starting with a letter or digit')
  .describe('The reward’s slug, unique in its tenant');

const FieldNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must start with a letter and contain only letters, digits and "_" (max 64)');

/** Field values are bounded whatever the definition says: they are stored and echoed back. */
export const MAX_FIELD_VALUE_LENGTH = 2_000;

const fieldBase = {
  name: FieldNameSchema,
  label: z.string().min(1).max(200),
  required: z.boolean().default(false),
};

export const TextFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('text'),
  /** A JavaScript regular expression the whole value must match. */
  pattern: z.string().min(1).max(500).optional(),
  min_length: z.number().int().min(0).max(MAX_FIELD_VALUE_LENGTH).optional(),
  max_length: z.number().int().min(1).max(MAX_FIELD_VALUE_LENGTH).optional(),
  multiline: z.boolean().optional(),
  placeholder: z.string().max(200).optional(),
});

export const SelectFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('select'),
  options: z.array(z.strictObject({ value: z.string().min(1).max(200), label: z.string().min(1).max(200) })).min(1).max(200),
});

export const RewardFieldSchema = z.discriminatedUnion('type', [TextFieldSchema, SelectFieldSchema]);
export type RewardField = z.infer<typeof RewardFieldSchema>;

export const WalletCurrencyFulfillmentSchema = z.strictObject({ type: z.literal('wallet'), item_type: z.literal('currency'), currency: CurrencySchema, amount: AmountSchema });
export const WalletXpFulfillmentSchema = z.strictObject({ type: z.literal('wallet'), item_type: z.literal('xp'), amount: AmountSchema });
export const WalletBadgeFulfillmentSchema = z.strictObject({ type: z.literal('wallet'), item_type: z.literal('badge'), item_id: BadgeIdSchema });
export const WalletFulfillmentSchema = z.discriminatedUnion('item_type', [WalletCurrencyFulfillmentSchema, WalletXpFulfillmentSchema, WalletBadgeFulfillmentSchema]);

export const RetryPolicySchema = z.strictObject({
  max_attempts: z.number().int().min(1).max(20),
  backoff_seconds: z.array(z.number().int().min(0).max(7 * 24 * 3600)).min(1).max(20),
});

export const ManualFulfillmentSchema = z.strictObject({ type: z.literal('manual'), notes: z.string().max(2_000).optional() });
export const ApiFulfillmentSchema = z.strictObject({
  type: z.literal('api'),
  retry: RetryPolicySchema.default({ max_attempts: 3, backoff_seconds: [60, 300, 900] }),
});

/** How a reward is delivered. Wallet fulfillment is itself keyed by `item_type`. */
export const FulfillmentSchema = z.discriminatedUnion('type', [WalletFulfillmentSchema, ManualFulfillmentSchema, ApiFulfillmentSchema]);
export type Fulfillment = z.infer<typeof FulfillmentSchema>;
export type FulfillmentType = Fulfillment['type'];
export const FULFILLMENT_TYPES = ['wallet', 'manual', 'api'] as const;

export const PriceSchema = z.strictObject({ currency: CurrencySchema, amount: AmountSchema });
export type Price = z.infer<typeof PriceSchema>;

export const PurchaseConfigSchema = z.strictObject({ prices: z.array(PriceSchema).min(1).max(20) });

/** Stock is an integer count; null means unlimited. */
export const StockSchema = z.number().int().min(0).max(1_000_000_000).nullable();

const rewardShape = {
  slug: SlugSchema,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5_000).nullable().optional(),
  image_url: z.url().max(2_000).nullable().optional(),
  active: z.boolean().default(true),
  fields: z.array(RewardFieldSchema).max(50).default([]),
  fulfillment: FulfillmentSchema,
  requires_claim: z.boolean().default(false),
  purchase: PurchaseConfigSchema.nullable().optional(),
  stock: StockSchema.default(null),
  config: z.record(z.string(), z.unknown()).default({}),
};

export const CreateRewardBodySchema = z.strictObject(rewardShape);
export type CreateRewardBody = z.infer<typeof CreateRewardBodySchema>;

/** Every property optional: only those given change. */
export const UpdateRewardBodySchema = z.strictObject({
  slug: rewardShape.slug.optional(),
  name: rewardShape.name.optional(),
  description: rewardShape.description,
  image_url: rewardShape.image_url,
  active: z.boolean().optional(),
  fields: z.array(RewardFieldSchema).max(50).optional(),
  fulfillment: FulfillmentSchema.optional(),
  requires_claim: z.boolean().optional(),
  purchase: PurchaseConfigSchema.nullable().optional(),
  stock: StockSchema.optional(),
  config: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateRewardBody = z.infer<typeof UpdateRewardBodySchema>;

export const RewardViewSchema = z.object({
  id: z.uuid(),
  tenant_id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  image_url: z.url().nullable(),
  active: z.boolean(),
  fields: z.array(RewardFieldSchema),
  fulfillment: FulfillmentSchema,
  requires_claim: z.boolean(),
  purchase: PurchaseConfigSchema.nullable(),
  stock: z.number().int().nullable(),
  config: z.record(z.string(), z.unknown()),
  created_at: IsoDateTimeSchema,
  updated_at: IsoDateTimeSchema,
});
export type RewardView = z.infer<typeof RewardViewSchema>;

export const RewardListQuerySchema = z.strictObject({
  active: z.enum(['true', 'false', 'all']).default('true').describe('Active rewards (true), inactive ones (false) or every reward (all)'),
  limit: LimitSchema(50, 200),
  offset: OffsetSchema,
});
export type RewardListQuery = z.infer<typeof RewardListQuerySchema>;

export const RewardListSchema = z.object({
  rewards: z.array(RewardViewSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type RewardList = z.infer<typeof RewardListSchema>;

/** The catalog as users see it: no tenant internals (config, fulfillment details). */
export const CatalogRewardSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  image_url: z.url().nullable(),
  fields: z.array(RewardFieldSchema),
  purchase: PurchaseConfigSchema.nullable(),
  stock: z.number().int().nullable(),
  requires_claim: z.boolean(),
  fulfillment_type: z.enum(FULFILLMENT_TYPES),
});
export type CatalogReward = z.infer<typeof CatalogRewardSchema>;

export const CatalogListItemSchema = CatalogRewardSchema.extend({
  affordable: z.boolean().nullable(),
  points_needed: z.number().int().nullable(),
});
export type CatalogListItem = z.infer<typeof CatalogListItemSchema>;

/** `?x=true` over HTTP; already a boolean once a gateway has parsed it. */
const booleanQuery = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const CatalogQuerySchema = z.strictObject({
  balance: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('The user’s balance to judge affordability by (else the calling user’s wallet)'),
  currency: CurrencySchema.optional().describe('The currency `balance` is in, or the wallet currency to judge by'),
  purchasable: booleanQuery.optional().describe('Only rewards that can (true) or cannot (false) be bought'),
  limit: LimitSchema(50, 200),
  offset: OffsetSchema,
});
export type CatalogQuery = z.infer<typeof CatalogQuerySchema>;

export const CatalogListSchema = z.object({
  rewards: z.array(CatalogListItemSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type CatalogList = z.infer<typeof CatalogListSchema>;

// ---- messages between the gateways and rewards-catalog ----

export const RewardCreateRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, body: CreateRewardBodySchema });
export const RewardUpdateRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, reward_id: z.uuid(), body: UpdateRewardBodySchema });
export const RewardRefRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, reward_id: z.uuid() });
export const RewardListRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, query: RewardListQuerySchema });
export const CatalogSnapshotRequestSchema = z.strictObject({ tenant_id: TenantIdSchema });
/** Every active reward of a tenant, in catalog order: what the query gateway's read model holds. */
export const CatalogSnapshotSchema = z.object({ rewards: z.array(CatalogRewardSchema) });
export type CatalogSnapshot = z.infer<typeof CatalogSnapshotSchema>;

export type RewardCreateRequest = z.infer<typeof RewardCreateRequestSchema>;
export type RewardUpdateRequest = z.infer<typeof RewardUpdateRequestSchema>;
export type RewardRefRequest = z.infer<typeof RewardRefRequestSchema>;
export type RewardListRequest = z.infer<typeof RewardListRequestSchema>;
export type CatalogSnapshotRequest = z.infer<typeof CatalogSnapshotRequestSchema>;
