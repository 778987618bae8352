import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { Auth } from '@phoenix/auth';
import {
  AdminOrderListSchema,
  AdminOrdersQuerySchema,
  AdminOrderUpdateBodySchema,
  OrderViewSchema,
  Patterns,
  RefundBodySchema,
  TenantIdSchema,
  type AdminOrderList,
  type AdminOrderUpdateBody,
  type OrderView,
  type RefundBody,
} from '@phoenix/contracts';
import { ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';
import { z } from 'zod';

const OrderIdSchema = z.uuid().describe('The order id');

@ApiTags('reward orders')
@Auth('tenant-api-key', 'admin-jwt')
@Controller('v1/tenants/:tenant_id/reward-orders')
export class RewardOrdersController {
  constructor(@Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient) {}

  @Get()
  @ApiContract({
    operationId: 'listOrders',
    summary: 'List orders, newest first; e.g. the manual queue: ?state=fulfilling&fulfillment_type=manual',
    query: AdminOrdersQuerySchema,
    response: AdminOrderListSchema,
  })
  list(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Query(zod(AdminOrdersQuerySchema)) query: z.infer<typeof AdminOrdersQuerySchema>,
  ): Promise<AdminOrderList> {
    return this.catalog.send(Patterns.ordersList, { tenant_id: tenantId, query });
  }

  @Get(':order_id')
  @ApiContract({ operationId: 'getOrder', summary: 'Get an order', response: OrderViewSchema, errors: [404] })
  get(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string, @Param('order_id', zod(OrderIdSchema)) orderId: string): Promise<OrderView> {
    return this.catalog.send(Patterns.ordersGet, { tenant_id: tenantId, order_id: orderId });
  }

  @Put(':order_id')
  @ApiContract({
    operationId: 'updateOrderStatus',
    summary: 'Complete (details kept in status.data) or fail a manual order',
    body: AdminOrderUpdateBodySchema,
    response: OrderViewSchema,
    errors: [404, 409],
  })
  update(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Param('order_id', zod(OrderIdSchema)) orderId: string,
    @Body(zod(AdminOrderUpdateBodySchema)) body: AdminOrderUpdateBody,
  ): Promise<OrderView> {
    return this.catalog.send(Patterns.ordersUpdateStatus, { tenant_id: tenantId, order_id: orderId, body });
  }

  @Post(':order_id/retry')
  @ApiContract({ operationId: 'retryOrder', summary: 'Send a failed order back to fulfillment (attempts start over)', response: OrderViewSchema, errors: [404, 409] })
  retry(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string, @Param('order_id', zod(OrderIdSchema)) orderId: string): Promise<OrderView> {
    return this.catalog.send(Patterns.ordersRetry, { tenant_id: tenantId, order_id: orderId });
  }

  @Post(':order_id/refund')
  @ApiContract({
    operationId: 'refundOrder',
    summary: 'Refund a purchase: price back to the wallet, unit back to stock (a refunded order: 409)',
    body: RefundBodySchema,
    response: OrderViewSchema,
    errors: [404, 409],
  })
  refund(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Param('order_id', zod(OrderIdSchema)) orderId: string,
    @Body(zod(RefundBodySchema)) body: RefundBody,
  ): Promise<OrderView> {
    return this.catalog.send(Patterns.ordersRefund, { tenant_id: tenantId, order_id: orderId, body });
  }
}
