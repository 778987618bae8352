import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { Auth } from '@phoenix/auth';
import {
  Patterns,
  TenantIdSchema,
  TenantSettingsSchema,
  TenantSettingsViewSchema,
  type TenantSettings,
  type TenantSettingsView,
} from '@phoenix/contracts';
import { ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';

@ApiTags('settings')
@Auth('tenant-api-key', 'admin-jwt')
@Controller('v1/tenants/:tenant_id/settings')
export class SettingsController {
  constructor(@Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient) {}

  @Get()
  @ApiContract({ operationId: 'getSettings', summary: "The tenant's settings", response: TenantSettingsViewSchema, errors: [404] })
  get(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string): Promise<TenantSettingsView> {
    return this.catalog.send(Patterns.tenantsSettingsGet, { tenant_id: tenantId });
  }

  @Put()
  @ApiContract({
    operationId: 'updateSettings',
    summary: 'Change settings (only those given): fulfillment_url for API fulfillment, allowed_origins for browser apps',
    body: TenantSettingsSchema,
    response: TenantSettingsViewSchema,
    errors: [404],
  })
  update(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string, @Body(zod(TenantSettingsSchema)) body: TenantSettings): Promise<TenantSettingsView> {
    return this.catalog.send(Patterns.tenantsSettingsUpdate, { tenant_id: tenantId, body });
  }
}
