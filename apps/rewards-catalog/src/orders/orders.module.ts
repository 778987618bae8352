import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { OutboxModule } from '../outbox/outbox.module';
import { RewardsModule } from '../rewards/rewards.module';
import { WalletsModule } from '../wallets/wallets.module';
import { FulfillmentCommands } from './fulfillment-commands.use-cases';
import { GrantUseCase } from './grant.use-case';
import { OrderTransitions } from './order-transitions';
import { OrderChangeUseCases } from './order-changes.use-cases';
import { OrderQueries } from './order-queries.use-cases';
import { OrderHandlers } from './order.handlers';
import { OrderRepository } from './order.repository';
import { PurchaseUseCase } from './purchase.use-case';

@Module({
  imports: [IdempotencyModule, OutboxModule, RewardsModule, WalletsModule],
  controllers: [OrderHandlers],
  providers: [OrderRepository, OrderTransitions, PurchaseUseCase, GrantUseCase, OrderChangeUseCases, OrderQueries, FulfillmentCommands],
})
export class OrdersModule {}
