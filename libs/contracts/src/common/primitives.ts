import { z } from 'zod';

/** Path words that follow `/v1/rewards/` on the query gateway: no tenant may be called so. */
export const RESERVED_TENANT_IDS = ['catalog', 'purchase', 'orders', 'recent-fields', 'user'];

/** Tenant ids appear in URLs and log lines: keep them short and URL-safe. */
export const TenantIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{1,62}$/, 'must be 2-63 chars of a-z, 0-9, "_" or "-", starting with a letter or digit')
  .refine((id) => !RESERVED_TENANT_IDS.includes(id), 'is reserved (it is a path segment of the API)')
  .describe('The tenant id');

/** User ids come from the tenant's own system; we only bound their size and charset. */
export const UserIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:@-]+$/, 'may contain only letters, digits and _ . : @ -')
  .describe('The user’s id in the tenant’s own system');

export const CurrencySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters, digits and _ . -');

/** An ISO 8601 instant with its zone (`Z` or `±hh:mm`), e.g. `2026-01-28T10:30:00.000Z`. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

export const IdempotencyKeySchema = z.string().min(1).max(255);

/** Money and stock are integers; the ceiling keeps every sum inside a JS safe integer. */
export const AmountSchema = z.number().int().positive().max(1_000_000_000_000);

export const LimitSchema = (defaultValue: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(defaultValue).describe(`Page size: at most ${max}, ${defaultValue} unless given`);

export const OffsetSchema = z.coerce.number().int().min(0).max(1_000_000).default(0).describe('How many to skip (pagination)');

export type TenantId = z.infer<typeof TenantIdSchema>;
export type UserId = z.infer<typeof UserIdSchema>;
