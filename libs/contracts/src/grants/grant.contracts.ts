import { z } from 'zod';
import { LimitSchema, OffsetSchema, TenantIdSchema, UserIdSchema } from '../common/primitives';
import { ORDER_STATES, SourceTypeSchema } from '../orders/order.contracts';

/** One grant in a user's reward history (seed 000), plus its order id and state. */
export const GrantViewSchema = z.object({
  grant_id: z.string(),
  grant_time: z.string(),
  user_id: z.string(),
  source_type: z.string(),
  source_id: z.string(),
  source_name: z.string(),
  source_context: z.string(),
  item_id: z.string(),
  item_name: z.string(),
  reward_type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()),
  order_id: z.string(),
  state: z.enum(ORDER_STATES),
});
export type GrantView = z.infer<typeof GrantViewSchema>;

export const GrantListSchema = z.object({
  grants: z.array(GrantViewSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type GrantList = z.infer<typeof GrantListSchema>;

const IsoInstantSchema = z.iso.datetime({ offset: true });
const IsoDateSchema = z.iso.date();

/**
 * A bound of a time range (`from` inclusive, `to` exclusive): an ISO 8601 date-time with an
 * offset, or a date (UTC). A date means its first instant as `from`, and the whole day
 * included as `to` (`to=2025-01-31` ends at 2025-02-01T00:00:00Z). Dates are passed on as
 * those instants.
 */
function timeBound(edge: 'from' | 'to') {
  return z
    .string()
    .refine(
      (value) => IsoInstantSchema.safeParse(value).success || IsoDateSchema.safeParse(value).success,
      'must be an ISO 8601 date (2025-01-31) or date-time with offset (2025-01-31T12:00:00Z)',
    )
    .transform((value) => {
      if (!IsoDateSchema.safeParse(value).success) return value;
      const start = new Date(`${value}T00:00:00.000Z`);
      if (edge === 'to') start.setUTCDate(start.getUTCDate() + 1);
      return start.toISOString();
    });
}

const timeRange = {
  from: timeBound('from').optional().describe('Start of the range, inclusive: an ISO 8601 date or date-time with offset'),
  to: timeBound('to').optional().describe('End of the range, exclusive (a date: that whole day included)'),
};

/**
 * Source types are open (the same rule as the grant API's `source_type`): features record
 * their own, beyond the ones seed 000 names, so a well-formed unknown type matches nothing.
 */
const historyFilters = {
  source_type: SourceTypeSchema.optional().describe('Only grants of this source type'),
  source_id: z.string().min(1).max(255).optional().describe('Only grants of this source (its id)'),
  ...timeRange,
};

function fromBeforeTo(value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.from && value.to && new Date(value.from) >= new Date(value.to)) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be before `to`' });
  }
}

export const GrantHistoryQuerySchema = z
  .strictObject({ ...historyFilters, limit: LimitSchema(50, 100), offset: OffsetSchema })
  .superRefine(fromBeforeTo);
export type GrantHistoryQuery = z.infer<typeof GrantHistoryQuerySchema>;

export const GrantsBySourceQuerySchema = z.strictObject({
  source_type: SourceTypeSchema.optional().describe('Only grants of this source type'),
  limit: LimitSchema(50, 100),
  offset: OffsetSchema,
});

export const GrantSummarySchema = z.object({
  total_grants: z.number().int(),
  by_source: z.array(z.object({ source_type: z.string(), count: z.number().int() })),
});
export type GrantSummary = z.infer<typeof GrantSummarySchema>;

export const TenantGrantsQuerySchema = z
  .strictObject({
    tenant_id: TenantIdSchema,
    ...historyFilters,
    user_id: UserIdSchema.optional().describe('Only this user’s grants'),
    item_id: z.uuid().optional().describe('Only grants of this reward (its id)'),
    state: z.enum(ORDER_STATES).optional().describe('Only grants whose order is in this state'),
    limit: LimitSchema(50, 1_000),
    offset: OffsetSchema,
  })
  .superRefine(fromBeforeTo);
export type TenantGrantsQuery = z.infer<typeof TenantGrantsQuerySchema>;

export const GrantStatsQuerySchema = z
  .strictObject({ tenant_id: TenantIdSchema, ...timeRange })
  .superRefine(fromBeforeTo);
export type GrantStatsQuery = z.infer<typeof GrantStatsQuerySchema>;

export const GrantStatsSchema = z.object({
  tenant_id: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  total_grants: z.number().int(),
  by_source_type: z.array(z.object({ source_type: z.string(), count: z.number().int() })),
  by_day: z.array(z.object({ day: z.string(), count: z.number().int() })),
  by_reward: z.array(z.object({ item_id: z.string(), item_name: z.string(), count: z.number().int() })),
  by_state: z.array(z.object({ state: z.string(), count: z.number().int() })),
  /** From the order-event history: every event in the range (each transition, not only the latest state). */
  by_event_type: z.array(z.object({ event_type: z.string(), count: z.number().int() })),
});
export type GrantStats = z.infer<typeof GrantStatsSchema>;

// ---- messages between the gateways and grants-analytics ----

const tenantUser = { tenant_id: TenantIdSchema, user_id: UserIdSchema };

export const GrantHistoryRequestSchema = z.strictObject({ ...tenantUser, query: GrantHistoryQuerySchema });
export const GrantRequestByOrderSchema = z.strictObject({ ...tenantUser, order_id: z.uuid() });
export const GrantSummaryRequestSchema = z.strictObject(tenantUser);
export const TenantGrantsRequestSchema = z.strictObject({ query: TenantGrantsQuerySchema });
export const GrantStatsRequestSchema = z.strictObject({ query: GrantStatsQuerySchema });

export type GrantHistoryRequest = z.infer<typeof GrantHistoryRequestSchema>;
export type GrantRequestByOrder = z.infer<typeof GrantRequestByOrderSchema>;
export type GrantSummaryRequest = z.infer<typeof GrantSummaryRequestSchema>;
export type TenantGrantsRequest = z.infer<typeof TenantGrantsRequestSchema>;
export type GrantStatsRequest = z.infer<typeof GrantStatsRequestSchema>;
