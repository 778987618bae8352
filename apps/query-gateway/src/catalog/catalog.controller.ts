import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Principal } from '@phoenix/auth';
import {
  CatalogListSchema,
  CatalogQuerySchema,
  CatalogRewardSchema,
  Patterns,
  SlugSchema,
  type CatalogList,
  type CatalogQuery,
  type CatalogReward,
} from '@phoenix/contracts';
import { ApiContract, ServiceClient, serviceToken, zod } from '@phoenix/platform';
import { tenantOf } from '../principal';

/** Both documented path styles: `/v1/rewards/{tenant_id}/catalog` and `/v1/rewards/catalog`. */
@ApiTags('catalog')
@Auth('user-jwt', 'hmac')
@ApiParam({ name: 'tenant_id', required: false, description: 'Optional: must be the credential’s tenant' })
@Controller('v1/rewards')
export class CatalogController {
  constructor(@Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient) {}

  @Get(['catalog', ':tenant_id/catalog'])
  @ApiContract({
    summary: 'Active rewards with affordability (from `balance`, or the calling user’s wallet)',
    query: CatalogQuerySchema,
    response: CatalogListSchema,
  })
  list(@CurrentPrincipal() principal: Principal, @Query(zod(CatalogQuerySchema)) query: CatalogQuery): Promise<CatalogList> {
    return this.catalog.send(Patterns.catalogList, {
      tenant_id: tenantOf(principal),
      ...(principal.kind === 'tenant-user' ? { user_id: principal.userId } : {}),
      query,
    });
  }

  @Get(['catalog/:slug', ':tenant_id/catalog/:slug'])
  @ApiContract({ summary: 'One active reward by slug', response: CatalogRewardSchema, errors: [404] })
  get(@CurrentPrincipal() principal: Principal, @Param('slug', zod(SlugSchema)) slug: string): Promise<CatalogReward> {
    return this.catalog.send(Patterns.catalogGet, { tenant_id: tenantOf(principal), slug });
  }
}
