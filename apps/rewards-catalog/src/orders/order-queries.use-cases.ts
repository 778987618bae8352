import { Injectable } from '@nestjs/common';
import {
  AdminOrderList,
  AdminOrdersRequest,
  AppError,
  OrderView,
  RecentFields,
  UserOrderList,
  UserOrderRequest,
  UserOrdersRequest,
} from '@phoenix/contracts';
import { toOrderSummary, toOrderView } from './order.mapper';
import { OrderRepository } from './order.repository';

@Injectable()
export class OrderQueries {
  constructor(private readonly orders: OrderRepository) {}

  async listForUser(request: UserOrdersRequest): Promise<UserOrderList> {
    const { query } = request;
    const { orders, total } = await this.orders.list(request.tenant_id, {
      userId: request.user_id,
      ...(query.status ? { state: query.status } : {}),
      limit: query.limit,
      offset: query.offset,
    });
    return { orders: orders.map(toOrderSummary), total, limit: query.limit, offset: query.offset };
  }

  /** A user sees only their own orders: another user's order is "not found". */
  async getForUser(request: UserOrderRequest): Promise<OrderView> {
    const order = await this.orders.find(request.tenant_id, request.order_id);
    if (!order || order.user_id !== request.user_id) throw AppError.notFound('Order');
    return toOrderView(order);
  }

  async recentFields(tenantId: string, userId: string): Promise<RecentFields> {
    return { fields: await this.orders.recentFields(tenantId, userId) };
  }

  async list(request: AdminOrdersRequest): Promise<AdminOrderList> {
    const { query } = request;
    const { orders, total } = await this.orders.list(request.tenant_id, {
      ...(query.state ? { state: query.state } : {}),
      ...(query.user_id ? { userId: query.user_id } : {}),
      ...(query.reward_id ? { rewardId: query.reward_id } : {}),
      ...(query.fulfillment_type ? { fulfillmentType: query.fulfillment_type } : {}),
      limit: query.limit,
      offset: query.offset,
    });
    return { orders: orders.map(toOrderView), total, limit: query.limit, offset: query.offset };
  }

  async get(tenantId: string, orderId: string): Promise<OrderView> {
    const order = await this.orders.find(tenantId, orderId);
    if (!order) throw AppError.notFound('Order');
    return toOrderView(order);
  }
}
