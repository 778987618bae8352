import { z } from 'zod';
import { IsoDateTimeSchema, TenantIdSchema } from '../common/primitives';

export const CreateTenantBodySchema = z.strictObject({
  id: TenantIdSchema.optional(),
  name: z.string().trim().min(1).max(200),
  allowed_origins: z.array(z.url().max(500)).max(50).optional(),
});
export type CreateTenantBody = z.infer<typeof CreateTenantBodySchema>;

export const TENANT_SECRET_KINDS = ['api_key', 'jwt_secret', 'hmac_secret', 'webhook_secret'] as const;
export type TenantSecretKind = (typeof TENANT_SECRET_KINDS)[number];

export const RotateKeysBodySchema = z.strictObject({
  keys: z.array(z.enum(TENANT_SECRET_KINDS)).min(1).max(TENANT_SECRET_KINDS.length).optional(),
});
export type RotateKeysBody = z.infer<typeof RotateKeysBodySchema>;

export const TenantViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  allowed_origins: z.array(z.string()),
  created_at: IsoDateTimeSchema,
  updated_at: IsoDateTimeSchema,
});
export type TenantView = z.infer<typeof TenantViewSchema>;

/** Returned once, at creation: the only time the secrets are shown. */
export const TenantCreatedSchema = z.object({
  id: z.string(),
  name: z.string(),
  api_key: z.string(),
  jwt_secret: z.string(),
  hmac_secret: z.string(),
  webhook_secret: z.string(),
  allowed_origins: z.array(z.string()),
  created_at: IsoDateTimeSchema,
});
export type TenantCreated = z.infer<typeof TenantCreatedSchema>;

export const KeysRotatedSchema = z.object({
  id: z.string(),
  rotated_at: IsoDateTimeSchema,
  api_key: z.string().optional(),
  jwt_secret: z.string().optional(),
  hmac_secret: z.string().optional(),
  webhook_secret: z.string().optional(),
});
export type KeysRotated = z.infer<typeof KeysRotatedSchema>;

/**
 * What a gateway needs to authenticate callers of one tenant. Internal only: it never
 * leaves the private network between gateways and rewards-catalog.
 */
export interface TenantAuthMaterial {
  tenant_id: string;
  jwt_secret: string;
  hmac_secret: string;
  allowed_origins: string[];
}

export const TenantIdRequestSchema = z.strictObject({ tenant_id: TenantIdSchema });
export type TenantIdRequest = z.infer<typeof TenantIdRequestSchema>;

export const ResolveApiKeyRequestSchema = z.strictObject({ api_key_hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type ResolveApiKeyRequest = z.infer<typeof ResolveApiKeyRequestSchema>;

export const RotateKeysRequestSchema = RotateKeysBodySchema.extend({ tenant_id: TenantIdSchema });
export type RotateKeysRequest = z.infer<typeof RotateKeysRequestSchema>;
