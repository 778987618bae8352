import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { Auth, CurrentPrincipal, Principal } from '@phoenix/auth';
import {
  ClaimBodySchema,
  ClaimResultSchema,
  OrderViewSchema,
  Patterns,
  PurchaseBodySchema,
  PurchaseResultSchema,
  RecentFieldsQuerySchema,
  RecentFieldsSchema,
  SlugSchema,
  UserIdSchema,
  UserOrderListSchema,
  UserOrdersQuerySchema,
  type ClaimBody,
  type OrderView,
  type PurchaseBody,
  type PurchaseResult,
  type RecentFields,
  type UserOrderList,
} from '@phoenix/contracts';
import { annotate, ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';
import { z } from 'zod';
import { TenantInPath, tenantOf } from '../principal';

const OrderIdSchema = z.uuid().describe('The order id');

/** Purchases, claims and a user's orders, in both path styles (with and without tenant id). */
@ApiTags('orders')
@Auth('user-jwt', 'hmac')
@TenantInPath()
@Controller('v1/rewards')
export class OrdersController {
  constructor(@Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient) {}

  @Post(['purchase/:slug', ':tenant_id/purchase/:slug'])
  @ApiContract({
    operationId: ['purchaseReward', 'purchaseRewardInTenant'],
    summary: 'Buy a reward with wallet currency (idempotent per user and idempotency_key)',
    body: PurchaseBodySchema,
    response: PurchaseResultSchema,
    errors: [402, 404, 409],
  })
  async purchase(
    @CurrentPrincipal() principal: Principal,
    @Param('slug', zod(SlugSchema)) slug: string,
    @Body(zod(PurchaseBodySchema)) body: PurchaseBody,
  ): Promise<PurchaseResult> {
    const result = await this.catalog.send(Patterns.ordersPurchase, { tenant_id: tenantOf(principal), slug, body });
    annotate({ order_id: result.order.id }); // on the request's log line too
    return result;
  }

  @Get(['orders/:user_id', ':tenant_id/orders/:user_id'])
  @ApiContract({ operationId: ['listUserOrders', 'listUserOrdersInTenant'], summary: "A user's orders, newest first", query: UserOrdersQuerySchema, response: UserOrderListSchema })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('user_id', zod(UserIdSchema)) userId: string,
    @Query(zod(UserOrdersQuerySchema)) query: z.infer<typeof UserOrdersQuerySchema>,
  ): Promise<UserOrderList> {
    return this.catalog.send(Patterns.ordersListForUser, { tenant_id: tenantOf(principal), user_id: userId, query });
  }

  @Get(['orders/:user_id/:order_id', ':tenant_id/orders/:user_id/:order_id'])
  @ApiContract({ operationId: ['getUserOrder', 'getUserOrderInTenant'], summary: 'One of the user’s orders', response: OrderViewSchema, errors: [404] })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('user_id', zod(UserIdSchema)) userId: string,
    @Param('order_id', zod(OrderIdSchema)) orderId: string,
  ): Promise<OrderView> {
    return this.catalog.send(Patterns.ordersGetForUser, { tenant_id: tenantOf(principal), user_id: userId, order_id: orderId });
  }

  @Post(['orders/:order_id/claim', ':tenant_id/orders/:order_id/claim'])
  @ApiContract({
    operationId: ['claimOrder', 'claimOrderInTenant'],
    summary: 'Claim a pending order with the fields it needs; it moves on to fulfillment',
    body: ClaimBodySchema,
    response: ClaimResultSchema,
    errors: [404, 409],
  })
  claim(
    @CurrentPrincipal() principal: Principal,
    @Param('order_id', zod(OrderIdSchema)) orderId: string,
    @Body(zod(ClaimBodySchema)) body: ClaimBody,
  ): Promise<{ order: OrderView }> {
    return this.catalog.send(Patterns.ordersClaim, { tenant_id: tenantOf(principal), order_id: orderId, body });
  }

  @Get(['recent-fields', ':tenant_id/recent-fields'])
  @ApiContract({ operationId: ['getRecentFields', 'getRecentFieldsInTenant'], summary: 'The latest value of each field across the user’s orders (auto-fill)', query: RecentFieldsQuerySchema, response: RecentFieldsSchema })
  recentFields(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(RecentFieldsQuerySchema)) query: z.infer<typeof RecentFieldsQuerySchema>,
  ): Promise<RecentFields> {
    return this.catalog.send(Patterns.ordersRecentFields, { tenant_id: tenantOf(principal), user_id: query.user_id });
  }
}
