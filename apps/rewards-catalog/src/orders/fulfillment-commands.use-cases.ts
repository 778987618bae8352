import { Injectable } from '@nestjs/common';
import {
  AppError,
  CompleteFulfillmentRequest,
  ExpireDueResult,
  FailFulfillmentRequest,
  FulfillWalletRequest,
  OrderRefRequest,
  OrderView,
  WalletFulfillmentSchema,
} from '@phoenix/contracts';
import { assertOrderAction } from '@phoenix/domain';
import { Database, nextDueInMs, queryRows, Transaction } from '@phoenix/persistence';
import { WalletRepository } from '../wallets/wallet.repository';
import { OrderTransitions } from './order-transitions';
import { nextStatus } from './order-status';
import { toOrderView } from './order.mapper';
import { ORDER_COLUMNS, OrderRecord } from './order.record';

/**
 * What order-fulfillment asks of the owner of orders and wallets. Finishing commands are
 * no-ops on an order that is no longer `fulfilling`: repeated after a crash, or for a
 * redelivered event, they change nothing (and a wallet is credited once).
 */
@Injectable()
export class FulfillmentCommands {
  constructor(
    private readonly database: Database,
    private readonly transitions: OrderTransitions,
    private readonly wallets: WalletRepository,
  ) {}

  /** Credits what a wallet reward gives and completes the order, in one transaction. */
  fulfillWallet(request: FulfillWalletRequest): Promise<OrderView> {
    return this.transitions.withLockedOrder(request.tenant_id, request.order_id, async (tx, order) => {
      if (order.state !== 'fulfilling') return toOrderView(order);
      if (order.fulfillment_type !== 'wallet') throw AppError.conflict(`Order is fulfilled by "${order.fulfillment_type}", not the wallet`);
      const data = await this.credit(tx, order);
      const status = nextStatus(order.status, 'completed', new Date(), { data });
      return toOrderView(await this.transitions.change(tx, order, ['order.completed'], { state: 'completed', status }));
    });
  }

  complete(request: CompleteFulfillmentRequest): Promise<OrderView> {
    return this.transitions.withLockedOrder(request.tenant_id, request.order_id, async (tx, order) => {
      if (order.state !== 'fulfilling') return toOrderView(order);
      const status = nextStatus(order.status, 'completed', new Date(), { data: request.data });
      return toOrderView(await this.transitions.change(tx, order, ['order.completed'], { state: 'completed', status }));
    });
  }

  fail(request: FailFulfillmentRequest): Promise<OrderView> {
    return this.transitions.withLockedOrder(request.tenant_id, request.order_id, async (tx, order) => {
      if (order.state !== 'fulfilling') return toOrderView(order);
      const status = nextStatus(order.status, 'failed', new Date(), { reason: request.reason });
      return toOrderView(await this.transitions.change(tx, order, ['order.failed'], { state: 'failed', status }));
    });
  }

  /**
   * An admin sends a failed order back to fulfillment: it runs again from its first attempt.
   * Only a failed one: an unclaimed order would be delivered without the fields its claim adds.
   */
  retry(request: OrderRefRequest): Promise<OrderView> {
    return this.transitions.withLockedOrder(request.tenant_id, request.order_id, async (tx, order) => {
      assertOrderAction('retry', order);
      const status = nextStatus(order.status, 'fulfilling', new Date(), { retried_at: new Date().toISOString() });
      return toOrderView(await this.transitions.change(tx, order, ['order.fulfilling'], { state: 'fulfilling', status }));
    });
  }

  /**
   * Expires claimable orders past their `expires_at`, a batch at a time, giving their stock
   * back. SKIP LOCKED lets several replicas sweep at once without touching the same order.
   */
  expireDue(limit: number): Promise<ExpireDueResult> {
    return this.database.transaction(async (tx) => {
      const due = await queryRows<OrderRecord>(
        tx,
        `SELECT ${ORDER_COLUMNS} FROM catalog.orders
         WHERE state = 'pending_claim' AND expires_at IS NOT NULL AND expires_at < now()
         ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      for (const order of due) await this.transitions.expire(tx, order);
      if (due.length === limit) return { expired: due.length, next_due_in_ms: 0 };
      // The sweeper sleeps until then (orders_pending_expiry answers it).
      return { expired: due.length, next_due_in_ms: await nextDueInMs(tx, 'catalog.orders') };
    });
  }

  private async credit(tx: Transaction, order: OrderRecord): Promise<Record<string, unknown>> {
    const item = WalletFulfillmentSchema.parse(order.fulfillment);
    const entry = {
      tenantId: order.tenant_id,
      userId: order.user_id,
      type: 'credit' as const,
      reason: `reward: ${order.reward_name}`,
      reference: order.id,
      idempotencyKey: `fulfill:${order.id}`,
    };
    switch (item.item_type) {
      case 'currency':
        await this.wallets.applyEntry(tx, { ...entry, asset: 'currency', currency: item.currency, amount: item.amount });
        return { type: 'wallet', item_type: 'currency', currency: item.currency, amount: item.amount };
      case 'xp':
        await this.wallets.applyEntry(tx, { ...entry, asset: 'xp', currency: '', amount: item.amount });
        return { type: 'wallet', item_type: 'xp', amount: item.amount };
      case 'badge': {
        // A badge is held once: a second reward of the same badge delivers nothing new.
        const granted = await this.wallets.grantBadgeOnce(tx, { ...entry, currency: item.item_id });
        return { type: 'wallet', item_type: 'badge', item_id: item.item_id, already_held: granted === null };
      }
    }
  }
}
