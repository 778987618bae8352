import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Auth } from '@phoenix/auth';
import {
  GrantListSchema,
  GrantStatsQuerySchema,
  GrantStatsSchema,
  Patterns,
  TenantGrantsQuerySchema,
  type GrantList,
  type GrantStats,
  type GrantStatsQuery,
  type TenantGrantsQuery,
} from '@phoenix/contracts';
import { ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';

/** A tenant's grants and their statistics, from ClickHouse. `tenant_id` must be the caller's. */
@ApiTags('analytics')
@Auth('tenant-api-key', 'admin-jwt')
@Controller('v1/analytics/grants')
export class AnalyticsController {
  constructor(@Inject(serviceToken('grants-analytics')) private readonly analytics: ServiceClient) {}

  @Get()
  @ApiContract({ operationId: 'listTenantGrants', summary: "The tenant's grants, newest first, with filters", query: TenantGrantsQuerySchema, response: GrantListSchema })
  grants(@Query(zod(TenantGrantsQuerySchema)) query: TenantGrantsQuery): Promise<GrantList> {
    return this.analytics.send(Patterns.analyticsGrants, { query });
  }

  @Get('stats')
  @ApiContract({ operationId: 'getGrantStats', summary: 'Grant counts by source type, day, reward and state, and order events by type, in a date range', query: GrantStatsQuerySchema, response: GrantStatsSchema })
  stats(@Query(zod(GrantStatsQuerySchema)) query: GrantStatsQuery): Promise<GrantStats> {
    return this.analytics.send(Patterns.analyticsStats, { query });
  }
}
