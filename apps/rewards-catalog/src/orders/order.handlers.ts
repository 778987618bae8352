import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AdminOrderUpdateRequestSchema,
  CompleteFulfillmentRequestSchema,
  ExpireDueRequestSchema,
  FailFulfillmentRequestSchema,
  FulfillWalletRequestSchema,
  AdminOrdersRequestSchema,
  BulkGrantRequestSchema,
  ClaimRequestSchema,
  GrantRequestSchema,
  OrderRefRequestSchema,
  Patterns,
  PurchaseRequestSchema,
  RecentFieldsRequestSchema,
  RefundRequestSchema,
  Reply,
  UserOrderRequestSchema,
  UserOrdersRequestSchema,
  parseOrThrow,
} from '@phoenix/contracts';
import { FulfillmentCommands } from './fulfillment-commands.use-cases';
import { GrantUseCase } from './grant.use-case';
import { OrderChangeUseCases } from './order-changes.use-cases';
import { OrderQueries } from './order-queries.use-cases';
import { PurchaseUseCase } from './purchase.use-case';

@Controller()
export class OrderHandlers {
  constructor(
    private readonly purchases: PurchaseUseCase,
    private readonly grants: GrantUseCase,
    private readonly changes: OrderChangeUseCases,
    private readonly queries: OrderQueries,
    private readonly fulfillment: FulfillmentCommands,
  ) {}

  @MessagePattern(Patterns.ordersPurchase)
  purchase(@Payload() payload: unknown): Reply<typeof Patterns.ordersPurchase> {
    return this.purchases.execute(parseOrThrow(PurchaseRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersGrant)
  grant(@Payload() payload: unknown): Reply<typeof Patterns.ordersGrant> {
    const request = parseOrThrow(GrantRequestSchema, payload);
    return this.grants.execute(request.tenant_id, request.body);
  }

  @MessagePattern(Patterns.ordersGrantBulk)
  grantBulk(@Payload() payload: unknown): Reply<typeof Patterns.ordersGrantBulk> {
    return this.grants.executeBulk(parseOrThrow(BulkGrantRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersClaim)
  claim(@Payload() payload: unknown): Reply<typeof Patterns.ordersClaim> {
    return this.changes.claim(parseOrThrow(ClaimRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersListForUser)
  listForUser(@Payload() payload: unknown): Reply<typeof Patterns.ordersListForUser> {
    return this.queries.listForUser(parseOrThrow(UserOrdersRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersGetForUser)
  getForUser(@Payload() payload: unknown): Reply<typeof Patterns.ordersGetForUser> {
    return this.queries.getForUser(parseOrThrow(UserOrderRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersRecentFields)
  recentFields(@Payload() payload: unknown): Reply<typeof Patterns.ordersRecentFields> {
    const request = parseOrThrow(RecentFieldsRequestSchema, payload);
    return this.queries.recentFields(request.tenant_id, request.user_id);
  }

  @MessagePattern(Patterns.ordersList)
  list(@Payload() payload: unknown): Reply<typeof Patterns.ordersList> {
    return this.queries.list(parseOrThrow(AdminOrdersRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersGet)
  get(@Payload() payload: unknown): Reply<typeof Patterns.ordersGet> {
    const request = parseOrThrow(OrderRefRequestSchema, payload);
    return this.queries.get(request.tenant_id, request.order_id);
  }

  @MessagePattern(Patterns.ordersUpdateStatus)
  updateStatus(@Payload() payload: unknown): Reply<typeof Patterns.ordersUpdateStatus> {
    return this.changes.updateStatus(parseOrThrow(AdminOrderUpdateRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersRefund)
  refund(@Payload() payload: unknown): Reply<typeof Patterns.ordersRefund> {
    return this.changes.refund(parseOrThrow(RefundRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersRetry)
  retry(@Payload() payload: unknown): Reply<typeof Patterns.ordersRetry> {
    return this.fulfillment.retry(parseOrThrow(OrderRefRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersFulfillWallet)
  fulfillWallet(@Payload() payload: unknown): Reply<typeof Patterns.ordersFulfillWallet> {
    return this.fulfillment.fulfillWallet(parseOrThrow(FulfillWalletRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersCompleteFulfillment)
  completeFulfillment(@Payload() payload: unknown): Reply<typeof Patterns.ordersCompleteFulfillment> {
    return this.fulfillment.complete(parseOrThrow(CompleteFulfillmentRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersFailFulfillment)
  failFulfillment(@Payload() payload: unknown): Reply<typeof Patterns.ordersFailFulfillment> {
    return this.fulfillment.fail(parseOrThrow(FailFulfillmentRequestSchema, payload));
  }

  @MessagePattern(Patterns.ordersExpireDue)
  expireDue(@Payload() payload: unknown): Reply<typeof Patterns.ordersExpireDue> {
    return this.fulfillment.expireDue(parseOrThrow(ExpireDueRequestSchema, payload).limit);
  }
}
