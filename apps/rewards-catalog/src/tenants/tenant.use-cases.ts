import { Injectable } from '@nestjs/common';
import { generateApiKey, generateSecret, generateWebhookSecret, hashApiKey } from '@phoenix/auth';
import {
  AppError,
  CreateTenantBody,
  FulfillmentTarget,
  TenantSettingsView,
  UpdateSettingsRequest,
  KeysRotated,
  RotateKeysRequest,
  TENANT_SECRET_KINDS,
  TenantAuthMaterial,
  TenantCreated,
  TenantView,
} from '@phoenix/contracts';
import { randomBytes } from 'node:crypto';
import { toTenantView } from './tenant.mapper';
import { TenantRepository, TenantSecrets } from './tenant.repository';

function toSettingsView(tenant: { settings: Record<string, unknown>; allowedOrigins: string[] }): TenantSettingsView {
  const url = tenant.settings['fulfillment_url'];
  return { fulfillment_url: typeof url === 'string' ? url : null, allowed_origins: tenant.allowedOrigins };
}

function newSecrets() {
  const apiKey = generateApiKey();
  return {
    apiKey,
    stored: {
      apiKeyHash: hashApiKey(apiKey),
      jwtSecret: generateSecret('jwt'),
      hmacSecret: generateSecret('hmac'),
      webhookSecret: generateWebhookSecret(),
    } satisfies TenantSecrets,
  };
}

@Injectable()
export class TenantUseCases {
  constructor(private readonly tenants: TenantRepository) {}

  async create(body: CreateTenantBody): Promise<TenantCreated> {
    const id = body.id ?? `tenant_${randomBytes(6).toString('hex')}`;
    const { apiKey, stored } = newSecrets();
    const tenant = await this.tenants.insert({ id, name: body.name, allowedOrigins: body.allowed_origins ?? [], ...stored });
    if (!tenant) throw AppError.conflict(`Tenant ${id} already exists`);
    return {
      id: tenant.id,
      name: tenant.name,
      api_key: apiKey,
      jwt_secret: stored.jwtSecret,
      hmac_secret: stored.hmacSecret,
      webhook_secret: stored.webhookSecret,
      allowed_origins: tenant.allowedOrigins,
      created_at: tenant.createdAt.toISOString(),
    };
  }

  async get(tenantId: string): Promise<TenantView> {
    const tenant = await this.tenants.find(tenantId);
    if (!tenant) throw AppError.notFound('Tenant');
    return toTenantView(tenant);
  }

  /** Replaces the named secrets (all of them by default); the old ones stop working. */
  async rotateKeys(request: RotateKeysRequest): Promise<KeysRotated> {
    const kinds = new Set(request.keys ?? TENANT_SECRET_KINDS);
    const { apiKey, stored } = newSecrets();
    const update: Partial<TenantSecrets> = {};
    if (kinds.has('api_key')) update.apiKeyHash = stored.apiKeyHash;
    if (kinds.has('jwt_secret')) update.jwtSecret = stored.jwtSecret;
    if (kinds.has('hmac_secret')) update.hmacSecret = stored.hmacSecret;
    if (kinds.has('webhook_secret')) update.webhookSecret = stored.webhookSecret;
    const tenant = await this.tenants.updateSecrets(request.tenant_id, update);
    if (!tenant) throw AppError.notFound('Tenant');
    return {
      id: tenant.id,
      rotated_at: tenant.updatedAt.toISOString(),
      ...(kinds.has('api_key') ? { api_key: apiKey } : {}),
      ...(update.jwtSecret ? { jwt_secret: update.jwtSecret } : {}),
      ...(update.hmacSecret ? { hmac_secret: update.hmacSecret } : {}),
      ...(update.webhookSecret ? { webhook_secret: update.webhookSecret } : {}),
    };
  }

  resolveApiKey(apiKeyHash: string): Promise<string | null> {
    return this.tenants.findIdByApiKeyHash(apiKeyHash);
  }

  async authMaterial(tenantId: string): Promise<TenantAuthMaterial | null> {
    const tenant = await this.tenants.find(tenantId);
    if (!tenant) return null;
    return {
      tenant_id: tenant.id,
      jwt_secret: tenant.jwtSecret,
      hmac_secret: tenant.hmacSecret,
      allowed_origins: tenant.allowedOrigins,
    };
  }

  async settings(tenantId: string): Promise<TenantSettingsView> {
    const tenant = await this.tenants.find(tenantId);
    if (!tenant) throw AppError.notFound('Tenant');
    return toSettingsView(tenant);
  }

  /** Only the settings given change; `fulfillment_url: null` removes the URL. */
  async updateSettings(request: UpdateSettingsRequest): Promise<TenantSettingsView> {
    const tenant = await this.tenants.find(request.tenant_id);
    if (!tenant) throw AppError.notFound('Tenant');
    const { fulfillment_url, allowed_origins } = request.body;
    const settings = fulfillment_url === undefined ? undefined : { ...tenant.settings, fulfillment_url };
    const updated = await this.tenants.updateSettings(request.tenant_id, {
      ...(settings ? { settings } : {}),
      ...(allowed_origins ? { allowedOrigins: allowed_origins } : {}),
    });
    return toSettingsView(updated ?? tenant);
  }

  /** Where API fulfillment sends a tenant's orders, and the secret it signs them with. */
  async fulfillmentTarget(tenantId: string): Promise<FulfillmentTarget> {
    const tenant = await this.tenants.find(tenantId);
    if (!tenant) throw AppError.notFound('Tenant');
    return { tenant_id: tenant.id, fulfillment_url: toSettingsView(tenant).fulfillment_url, signing_secret: tenant.webhookSecret };
  }

  allowedOrigins(): Promise<string[]> {
    return this.tenants.allAllowedOrigins();
  }
}
