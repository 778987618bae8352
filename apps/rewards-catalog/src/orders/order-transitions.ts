import { Injectable } from '@nestjs/common';
import { AppError, EventType } from '@phoenix/contracts';
import { assertTransition } from '@phoenix/domain';
import { OutboxWriter } from '../outbox/outbox.writer';
import { RewardRepository } from '../rewards/reward.repository';
import { nextStatus } from './order-status';
import { toEventData } from './order.mapper';
import type { OrderRecord } from './order.record';
import { OrderChange, OrderRepository } from './order.repository';
import { Database, Transaction } from '@phoenix/persistence';

/**
 * How an existing order changes: in one transaction with its row locked, the new state
 * written together with its events in the outbox. Whoever asks for the change checks that its
 * action may start from the order's state; the state machine is checked here once more, for
 * every change, so no path can write a move it forbids.
 */
@Injectable()
export class OrderTransitions {
  constructor(
    private readonly database: Database,
    private readonly orders: OrderRepository,
    private readonly outbox: OutboxWriter,
    private readonly rewards: RewardRepository,
  ) {}

  async change(tx: Transaction, order: OrderRecord, events: EventType[], change: OrderChange): Promise<OrderRecord> {
    assertTransition(order.state, change.state, order.source_type);
    const changed = await this.orders.change(tx, order.tenant_id, order.id, change);
    await this.outbox.append(tx, changed.tenant_id, changed.id, events, toEventData(changed));
    return changed;
  }

  /** An unclaimed order past its `expires_at` expires: the unit it took goes back to stock. */
  async expire(tx: Transaction, order: OrderRecord): Promise<OrderRecord> {
    if (order.consumed_stock) await this.rewards.returnStock(tx, order.tenant_id, order.reward_id);
    return this.change(tx, order, ['order.expired'], { state: 'expired', status: nextStatus(order.status, 'expired', new Date()) });
  }

  withLockedOrder<T>(tenantId: string, orderId: string, work: (tx: Transaction, order: OrderRecord) => Promise<T>): Promise<T> {
    return this.database.transaction(async (tx) => {
      const order = await this.orders.lock(tx, tenantId, orderId);
      if (!order) throw AppError.notFound('Order');
      return work(tx, order);
    });
  }
}
