import { z } from 'zod';
import {
  AmountSchema,
  CurrencySchema,
  IdempotencyKeySchema,
  TenantIdSchema,
  UserIdSchema,
} from '../common/primitives';

/**
 * `currency` names a wallet currency; the reserved asset `xp` is addressed with
 * `asset: "xp"` instead, so a tenant may still call one of its currencies "xp".
 */
export const WalletTransactionBodySchema = z
  .strictObject({
    type: z.enum(['credit', 'debit']),
    asset: z.enum(['currency', 'xp']).default('currency'),
    currency: CurrencySchema.optional(),
    amount: AmountSchema,
    reason: z.string().trim().min(1).max(500),
    reference: z.string().max(255).optional(),
    idempotency_key: IdempotencyKeySchema,
  })
  .superRefine((body, ctx) => {
    if (body.asset === 'currency' && !body.currency) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is required when asset is "currency"' });
    }
    if (body.asset === 'xp' && body.currency) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'must be omitted when asset is "xp"' });
    }
  });
export type WalletTransactionBody = z.infer<typeof WalletTransactionBodySchema>;

export const WalletTransactionRequestSchema = z.strictObject({
  tenant_id: TenantIdSchema,
  user_id: UserIdSchema,
  body: WalletTransactionBodySchema,
});
export type WalletTransactionRequest = z.infer<typeof WalletTransactionRequestSchema>;

export const WalletRequestSchema = z.strictObject({ tenant_id: TenantIdSchema, user_id: UserIdSchema });
export type WalletRequest = z.infer<typeof WalletRequestSchema>;

export const WalletViewSchema = z.object({
  tenant_id: z.string(),
  user_id: z.string(),
  /** Currency code → balance. Currencies never credited are absent. */
  balances: z.record(z.string(), z.number().int()),
  xp: z.number().int(),
  badges: z.array(z.object({ badge_id: z.string(), granted_at: z.string() })),
});
export type WalletView = z.infer<typeof WalletViewSchema>;

export const WalletTransactionViewSchema = z.object({
  id: z.string(),
  type: z.enum(['credit', 'debit']),
  asset: z.enum(['currency', 'xp']),
  currency: z.string().nullable(),
  amount: z.number().int(),
  balance_after: z.number().int(),
  reason: z.string(),
  reference: z.string().nullable(),
  created_at: z.string(),
});
export type WalletTransactionView = z.infer<typeof WalletTransactionViewSchema>;

export const WalletTransactionResultSchema = z.object({
  transaction: WalletTransactionViewSchema,
  was_cached: z.boolean(),
});
export type WalletTransactionResult = z.infer<typeof WalletTransactionResultSchema>;
