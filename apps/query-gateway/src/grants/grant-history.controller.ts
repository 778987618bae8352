import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { Auth, CurrentPrincipal, Principal } from '@phoenix/auth';
import {
  GrantHistoryQuerySchema,
  GrantListSchema,
  GrantSummarySchema,
  GrantViewSchema,
  GrantsBySourceQuerySchema,
  Patterns,
  UserIdSchema,
  type GrantHistoryQuery,
  type GrantList,
  type GrantSummary,
  type GrantView,
} from '@phoenix/contracts';
import { ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';
import { z } from 'zod';
import { tenantOf } from '../principal';

const OrderIdSchema = z.uuid().describe('The id of the grant’s order');

/** A user's reward history across every source, from ClickHouse (seed 000). */
@ApiTags('grant history')
@Auth('user-jwt', 'hmac')
@Controller('v1')
export class GrantHistoryController {
  constructor(@Inject(serviceToken('grants-analytics')) private readonly analytics: ServiceClient) {}

  @Get('orders/user/:user_id')
  @ApiContract({ operationId: 'listUserGrants', summary: "A user's grants, newest first, with filters", query: GrantHistoryQuerySchema, response: GrantListSchema })
  history(
    @CurrentPrincipal() principal: Principal,
    @Param('user_id', zod(UserIdSchema)) userId: string,
    @Query(zod(GrantHistoryQuerySchema)) query: GrantHistoryQuery,
  ): Promise<GrantList> {
    return this.analytics.send(Patterns.grantsHistory, { tenant_id: tenantOf(principal), user_id: userId, query });
  }

  @Get('orders/user/:user_id/:order_id')
  @ApiContract({ operationId: 'getUserGrant', summary: 'One grant of the user', response: GrantViewSchema, errors: [404] })
  one(
    @CurrentPrincipal() principal: Principal,
    @Param('user_id', zod(UserIdSchema)) userId: string,
    @Param('order_id', zod(OrderIdSchema)) orderId: string,
  ): Promise<GrantView> {
    return this.analytics.send(Patterns.grantsGet, { tenant_id: tenantOf(principal), user_id: userId, order_id: orderId });
  }

  @Get('rewards/user/:user_id/summary')
  @ApiContract({ operationId: 'getUserGrantSummary', summary: 'How many grants the user has, by source type', response: GrantSummarySchema })
  summary(@CurrentPrincipal() principal: Principal, @Param('user_id', zod(UserIdSchema)) userId: string): Promise<GrantSummary> {
    return this.analytics.send(Patterns.grantsSummary, { tenant_id: tenantOf(principal), user_id: userId });
  }

  @Get('rewards/user/:user_id')
  @ApiContract({ operationId: 'listUserGrantsBySource', summary: "The user's grants of one source type", query: GrantsBySourceQuerySchema, response: GrantListSchema })
  bySource(
    @CurrentPrincipal() principal: Principal,
    @Param('user_id', zod(UserIdSchema)) userId: string,
    @Query(zod(GrantsBySourceQuerySchema)) query: z.infer<typeof GrantsBySourceQuerySchema>,
  ): Promise<GrantList> {
    return this.analytics.send(Patterns.grantsHistory, { tenant_id: tenantOf(principal), user_id: userId, query });
  }
}
