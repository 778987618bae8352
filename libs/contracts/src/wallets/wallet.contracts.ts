import { z } from 'zod';
import {
  AmountSchema,
  CurrencySchema,
  IdempotencyKeySchema,
  IsoDateTimeSchema,
  TenantIdSchema,
  UserIdSchema,
} from '../common/primitives';

export const WALLET_ASSETS = ['currency', 'xp', 'badge'] as const;
export type WalletAsset = (typeof WALLET_ASSETS)[number];

export const BadgeIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may contain only letters, digits and _ . : -');

/**
 * One ledger entry. `asset` says what moves: a wallet `currency` (with `currency` and
 * `amount`), `xp` (with `amount`), or a `badge` (with `badge_id`; a credit grants it, a debit
 * revokes it). XP is its own asset so a tenant may still call one of its currencies "xp".
 */
export const WalletTransactionBodySchema = z
  .strictObject({
    type: z.enum(['credit', 'debit']),
    asset: z.enum(WALLET_ASSETS).default('currency'),
    currency: CurrencySchema.optional(),
    badge_id: BadgeIdSchema.optional(),
    amount: AmountSchema.optional(),
    reason: z.string().trim().min(1).max(500),
    reference: z.string().max(255).optional(),
    idempotency_key: IdempotencyKeySchema,
  })
  .superRefine((body, ctx) => {
    const need = (field: 'currency' | 'badge_id' | 'amount', present: boolean) => {
      if (present && body[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `is required when asset is "${body.asset}"` });
      }
      if (!present && body[field] !== undefined && !(field === 'amount' && body.asset === 'badge' && body.amount === 1)) {
        ctx.addIssue({ code: 'custom', path: [field], message: `must be omitted when asset is "${body.asset}"` });
      }
    };
    need('currency', body.asset === 'currency');
    need('badge_id', body.asset === 'badge');
    need('amount', body.asset !== 'badge');
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
  badges: z.array(z.object({ badge_id: z.string(), granted_at: IsoDateTimeSchema })),
});
export type WalletView = z.infer<typeof WalletViewSchema>;

export const WalletTransactionViewSchema = z.object({
  /** The ledger entry's id: a decimal number, increasing in the order entries were written. */
  id: z.string().regex(/^\d+$/),
  type: z.enum(['credit', 'debit']),
  asset: z.enum(WALLET_ASSETS),
  currency: z.string().nullable(),
  badge_id: z.string().nullable(),
  amount: z.number().int(),
  balance_after: z.number().int(),
  reason: z.string(),
  reference: z.string().nullable(),
  created_at: IsoDateTimeSchema,
});
export type WalletTransactionView = z.infer<typeof WalletTransactionViewSchema>;

export const WalletTransactionResultSchema = z.object({
  transaction: WalletTransactionViewSchema,
  was_cached: z.boolean(),
});
export type WalletTransactionResult = z.infer<typeof WalletTransactionResultSchema>;
