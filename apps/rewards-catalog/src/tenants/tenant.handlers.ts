import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateTenantBodySchema,
  Patterns,
  Reply,
  ResolveApiKeyRequestSchema,
  RotateKeysRequestSchema,
  TenantIdRequestSchema,
  UpdateSettingsRequestSchema,
  parseOrThrow,
} from '@phoenix/contracts';
import { TenantUseCases } from './tenant.use-cases';

@Controller()
export class TenantHandlers {
  constructor(private readonly tenants: TenantUseCases) {}

  @MessagePattern(Patterns.tenantsCreate)
  create(@Payload() payload: unknown): Reply<typeof Patterns.tenantsCreate> {
    return this.tenants.create(parseOrThrow(CreateTenantBodySchema, payload));
  }

  @MessagePattern(Patterns.tenantsGet)
  get(@Payload() payload: unknown): Reply<typeof Patterns.tenantsGet> {
    return this.tenants.get(parseOrThrow(TenantIdRequestSchema, payload).tenant_id);
  }

  @MessagePattern(Patterns.tenantsRotateKeys)
  rotateKeys(@Payload() payload: unknown): Reply<typeof Patterns.tenantsRotateKeys> {
    return this.tenants.rotateKeys(parseOrThrow(RotateKeysRequestSchema, payload));
  }

  @MessagePattern(Patterns.tenantsResolveApiKey)
  async resolveApiKey(@Payload() payload: unknown): Reply<typeof Patterns.tenantsResolveApiKey> {
    const tenantId = await this.tenants.resolveApiKey(parseOrThrow(ResolveApiKeyRequestSchema, payload).api_key_hash);
    return tenantId ? { tenant_id: tenantId } : null;
  }

  @MessagePattern(Patterns.tenantsAuthMaterial)
  authMaterial(@Payload() payload: unknown): Reply<typeof Patterns.tenantsAuthMaterial> {
    return this.tenants.authMaterial(parseOrThrow(TenantIdRequestSchema, payload).tenant_id);
  }

  @MessagePattern(Patterns.tenantsSettingsGet)
  settings(@Payload() payload: unknown): Reply<typeof Patterns.tenantsSettingsGet> {
    return this.tenants.settings(parseOrThrow(TenantIdRequestSchema, payload).tenant_id);
  }

  @MessagePattern(Patterns.tenantsSettingsUpdate)
  updateSettings(@Payload() payload: unknown): Reply<typeof Patterns.tenantsSettingsUpdate> {
    return this.tenants.updateSettings(parseOrThrow(UpdateSettingsRequestSchema, payload));
  }

  @MessagePattern(Patterns.tenantsFulfillmentTarget)
  fulfillmentTarget(@Payload() payload: unknown): Reply<typeof Patterns.tenantsFulfillmentTarget> {
    return this.tenants.fulfillmentTarget(parseOrThrow(TenantIdRequestSchema, payload).tenant_id);
  }

  @MessagePattern(Patterns.tenantsAllowedOrigins)
  allowedOrigins(): Reply<typeof Patterns.tenantsAllowedOrigins> {
    return this.tenants.allowedOrigins();
  }
}
