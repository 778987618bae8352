import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { Auth } from '@phoenix/auth';
import {
  CreateTenantBodySchema,
  KeysRotatedSchema,
  Patterns,
  RotateKeysBody,
  RotateKeysBodySchema,
  TenantCreatedSchema,
  TenantIdSchema,
  TenantViewSchema,
  type CreateTenantBody,
  type KeysRotated,
  type TenantCreated,
  type TenantView,
} from '@phoenix/contracts';
import { ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';

/**
 * Platform routes: only the platform key manages tenants. A tenant's own credentials are 403
 * here, so a leaked API key cannot mint itself a new jwt_secret.
 */
@ApiTags('tenants')
@Controller('v1/tenants')
export class TenantsController {
  constructor(@Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient) {}

  @Post()
  @Auth('platform-key')
  @ApiContract({ operationId: 'createTenant', summary: 'Create a tenant; its secrets are shown only in this response', body: CreateTenantBodySchema, response: TenantCreatedSchema, status: 201, errors: [409] })
  create(@Body(zod(CreateTenantBodySchema)) body: CreateTenantBody): Promise<TenantCreated> {
    return this.catalog.send(Patterns.tenantsCreate, body);
  }

  @Get(':tenant_id')
  @Auth('platform-key')
  @ApiContract({ operationId: 'getTenant', summary: 'Get a tenant (no secrets)', response: TenantViewSchema, errors: [404] })
  get(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string): Promise<TenantView> {
    return this.catalog.send(Patterns.tenantsGet, { tenant_id: tenantId });
  }

  @Post(':tenant_id/keys')
  @Auth('platform-key')
  @ApiContract({
    operationId: 'rotateTenantKeys',
    summary: 'Rotate secrets (all by default, or those named in `keys`); the new values are shown once',
    body: RotateKeysBodySchema,
    response: KeysRotatedSchema,
    errors: [404],
  })
  rotateKeys(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Body(zod(RotateKeysBodySchema.optional().transform((b) => b ?? {}))) body: RotateKeysBody,
  ): Promise<KeysRotated> {
    return this.catalog.send(Patterns.tenantsRotateKeys, { tenant_id: tenantId, ...body });
  }
}
