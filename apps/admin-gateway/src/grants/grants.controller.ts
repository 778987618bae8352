import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { Auth } from '@phoenix/auth';
import {
  BulkGrantBodySchema,
  BulkGrantResultSchema,
  GrantBodySchema,
  GrantResultSchema,
  Patterns,
  TenantIdSchema,
  type BulkGrantResult,
  type GrantBody,
  type GrantResult,
} from '@phoenix/contracts';
import { ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';
import { z } from 'zod';

@ApiTags('grants')
@Auth('tenant-api-key', 'admin-jwt')
@Controller('v1/tenants/:tenant_id/grants')
export class GrantsController {
  constructor(@Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient) {}

  @Post()
  @ApiContract({
    operationId: 'grantReward',
    summary: 'Grant a reward to a user (idempotent per user and idempotency_key, or per source and reward)',
    body: GrantBodySchema,
    response: GrantResultSchema,
    status: 201,
    errors: [404, 409],
  })
  grant(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string, @Body(zod(GrantBodySchema)) body: GrantBody): Promise<GrantResult> {
    return this.catalog.send(Patterns.ordersGrant, { tenant_id: tenantId, body });
  }

  @Post('bulk')
  @ApiContract({
    operationId: 'grantRewardsInBulk',
    summary: 'Up to 1,000 grants; each is idempotent and succeeds or fails alone (per-item status)',
    body: BulkGrantBodySchema.extend({ grants: z.array(GrantBodySchema).min(1).max(1_000) }),
    response: BulkGrantResultSchema,
  })
  bulk(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Body(zod(BulkGrantBodySchema)) body: z.infer<typeof BulkGrantBodySchema>,
  ): Promise<BulkGrantResult> {
    // A thousand grants take a while: this call may outlast the usual service timeout.
    return this.catalog.send(Patterns.ordersGrantBulk, { tenant_id: tenantId, grants: body.grants }, { timeoutMs: 120_000 });
  }
}
