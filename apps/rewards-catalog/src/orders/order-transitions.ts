import { Injectable } from '@nestjs/common';
import { AppError, EventType } from '@phoenix/contracts';
import { assertTransition } from '@phoenix/domain';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxWriter } from '../outbox/outbox.writer';
import { RewardRepository } from '../rewards/reward.repository';
import { nextStatus } from './order-status';
import { toEventData } from './order.mapper';
import type { OrderRecord } from './order.record';
import { OrderChange, OrderRepository } from './order.repository';

/**
 * How an existing order changes: in one transaction with its row locked, the new state
 * written together with its events in the outbox. Whoever asks for the change checks that its
 * action may start from the order's state; the state machine is checked here once more, for
 * every change, so no path can write a move it forbids.
 */
@Injectable()
export class OrderTransitions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderRepository,
    private readonly outbox: OutboxWriter,
    private readonly rewards: RewardRepository,
  ) {}

  async change(manager: EntityManager, order: OrderRecord, events: EventType[], change: OrderChange): Promise<OrderRecord> {
    assertTransition(order.state, change.state, order.source_type);
    const changed = await this.orders.change(manager, order.tenant_id, order.id, change);
    await this.outbox.append(manager, changed.tenant_id, changed.id, events, toEventData(changed));
    return changed;
  }

  /** An unclaimed order past its `expires_at` expires: the unit it took goes back to stock. */
  async expire(manager: EntityManager, order: OrderRecord): Promise<OrderRecord> {
    if (order.consumed_stock) await this.rewards.returnStock(manager, order.tenant_id, order.reward_id);
    return this.change(manager, order, ['order.expired'], { state: 'expired', status: nextStatus(order.status, 'expired', new Date()) });
  }

  withLockedOrder<T>(tenantId: string, orderId: string, work: (manager: EntityManager, order: OrderRecord) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const order = await this.orders.lock(manager, tenantId, orderId);
      if (!order) throw AppError.notFound('Order');
      return work(manager, order);
    });
  }
}
