import { Injectable } from '@nestjs/common';
import {
  AdminOrderUpdateRequest,
  AppError,
  ClaimRequest,
  ErrorCode,
  OrderView,
  RefundRequest,
  RewardField,
} from '@phoenix/contracts';
import { assertCompleteFieldValues, assertOrderAction, currentStateDetails } from '@phoenix/domain';
import { RewardRepository } from '../rewards/reward.repository';
import { WalletRepository } from '../wallets/wallet.repository';
import { nextStatus } from './order-status';
import { OrderTransitions } from './order-transitions';
import { toOrderView } from './order.mapper';

/** A claim either moves the order on, or finds it past its expiry and expires it. */
type ClaimOutcome = { claimed: OrderView } | { expiredAt: Date };

/**
 * State changes of existing orders. Each runs in one transaction with the order row locked,
 * checks that its action may start from the order's state (`ORDER_ACTION_RULES`), and writes
 * its events to the outbox.
 */
@Injectable()
export class OrderChangeUseCases {
  constructor(
    private readonly transitions: OrderTransitions,
    private readonly rewards: RewardRepository,
    private readonly wallets: WalletRepository,
  ) {}

  /**
   * The user supplies the fields the reward needs; the order moves on to fulfillment. A claim
   * that comes after `expires_at` but before the expiry sweep expires the order itself (stock
   * back, `order.expired`), commits that, and is refused with 409.
   */
  async claim(request: ClaimRequest): Promise<{ order: OrderView }> {
    const outcome = await this.transitions.withLockedOrder<ClaimOutcome>(request.tenant_id, request.order_id, async (tx, order) => {
      if (order.user_id !== request.body.user_id) throw AppError.forbidden('This order belongs to another user');
      if (order.state === 'pending_claim' && order.expires_at && order.expires_at.getTime() <= Date.now()) {
        await this.transitions.expire(tx, order);
        return { expiredAt: order.expires_at };
      }
      assertOrderAction('claim', order);
      const reward = await this.rewards.findById(order.tenant_id, order.reward_id, tx);
      const fields = { ...order.fields, ...request.body.fields };
      assertCompleteFieldValues((reward?.fields ?? []) as RewardField[], fields);
      const now = new Date();
      const changed = await this.transitions.change(tx, order, ['order.claimed', 'order.fulfilling'], {
        state: 'fulfilling',
        status: nextStatus(order.status, 'fulfilling', now, { claimed_at: now.toISOString() }),
        fields,
      });
      return { claimed: toOrderView(changed) };
    });
    if ('expiredAt' in outcome) {
      const message = `Order expired at ${outcome.expiredAt.toISOString()}; it can no longer be claimed`;
      throw new AppError(ErrorCode.Conflict, message, currentStateDetails('expired'));
    }
    return { order: outcome.claimed };
  }

  /** An admin completes (with tracking details) or fails a manual order. */
  updateStatus(request: AdminOrderUpdateRequest): Promise<OrderView> {
    return this.transitions.withLockedOrder(request.tenant_id, request.order_id, async (tx, order) => {
      const { state, ...details } = request.body.status;
      assertOrderAction(state === 'completed' ? 'complete' : 'fail', order);
      const now = new Date();
      const status =
        state === 'completed'
          ? nextStatus(order.status, 'completed', now, { data: { type: 'manual', ...details } })
          : nextStatus(order.status, 'failed', now, { reason: (details as { reason: string }).reason });
      return toOrderView(await this.transitions.change(tx, order, [state === 'completed' ? 'order.completed' : 'order.failed'], { state, status }));
    });
  }

  /**
   * Gives a purchase back: the price returns to the wallet, the unit to the stock. Refunding
   * a refunded order is refused like any move SPEC §5 does not list (409 with its state), so a
   * back-office that refunds twice is told it already happened; the credit is keyed to the
   * order besides, so it could never be paid twice.
   */
  refund(request: RefundRequest): Promise<OrderView> {
    return this.transitions.withLockedOrder(request.tenant_id, request.order_id, async (tx, order) => {
      assertOrderAction('refund', order);
      if (order.price_currency && order.price_amount) {
        await this.wallets.applyEntry(tx, {
          tenantId: order.tenant_id,
          userId: order.user_id,
          asset: 'currency',
          currency: order.price_currency,
          type: 'credit',
          amount: Number(order.price_amount),
          reason: `refund: ${request.body.reason}`,
          reference: order.id,
          idempotencyKey: `refund:${order.id}`,
        });
      }
      if (order.consumed_stock) await this.rewards.returnStock(tx, order.tenant_id, order.reward_id);
      const status = nextStatus(order.status, 'refunded', new Date(), { reason: request.body.reason });
      return toOrderView(await this.transitions.change(tx, order, ['order.refunded'], { state: 'refunded', status }));
    });
  }
}
