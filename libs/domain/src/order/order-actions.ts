import { AppError, ErrorCode, OrderState } from '@phoenix/contracts';
import { currentStateDetails } from './order-state-machine';

/**
 * What a person may do to an existing order: the admin gateway's actions (SPEC §5, §4) and the
 * user's claim. Each declares the states it starts from. The state machine says which moves
 * an order can ever make; that is not enough here, because two actions share a target (a claim
 * and a retry both lead to `fulfilling`) and must not borrow each other's source states.
 */
export const ADMIN_ORDER_ACTIONS = ['complete', 'fail', 'retry', 'refund'] as const;
export type AdminOrderAction = (typeof ADMIN_ORDER_ACTIONS)[number];
export const ORDER_ACTIONS = [...ADMIN_ORDER_ACTIONS, 'claim'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** What an action needs to know of an order. */
export interface OrderFacts {
  state: OrderState;
  source_type: string;
  fulfillment_type: string;
}

interface OrderActionRule {
  from: readonly OrderState[];
  to: OrderState;
  /** Orders the action applies to at all, whatever their state. */
  onlyFor?: { property: 'source_type' | 'fulfillment_type'; value: string; described: string };
}

const MANUAL_ONLY = { property: 'fulfillment_type', value: 'manual', described: 'manual orders' } as const;

export const ORDER_ACTION_RULES: Readonly<Record<OrderAction, OrderActionRule>> = {
  // Wallet and API orders are finished by the fulfillment service, never by hand.
  complete: { from: ['fulfilling'], to: 'completed', onlyFor: MANUAL_ONLY },
  fail: { from: ['fulfilling'], to: 'failed', onlyFor: MANUAL_ONLY },
  retry: { from: ['failed'], to: 'fulfilling' },
  // Only a purchase moved money, so only a purchase has something to give back.
  refund: { from: ['fulfilling', 'failed', 'completed'], to: 'refunded', onlyFor: { property: 'source_type', value: 'purchase', described: 'purchases' } },
  claim: { from: ['pending_claim'], to: 'fulfilling' },
};

/** Why `action` may not be applied to `order`, or undefined when it may. */
export function orderActionRefusal(action: OrderAction, order: OrderFacts): string | undefined {
  const rule = ORDER_ACTION_RULES[action];
  if (rule.onlyFor && order[rule.onlyFor.property] !== rule.onlyFor.value) {
    const { property, described } = rule.onlyFor;
    return `Cannot ${action} an order with ${property} "${order[property]}": ${action} applies to ${described} only`;
  }
  if (!rule.from.includes(order.state)) {
    const allowed = rule.from.map((state) => `"${state}"`).join(', ');
    return `Cannot ${action} an order in state "${order.state}": ${action} is allowed from ${allowed} only`;
  }
  return undefined;
}

/**
 * Refuses (409 `ORDER_ACTION_NOT_ALLOWED`, the current state in its details) an action the
 * order is not open to, and returns the state it leads to. The writer of the change still
 * checks the state machine underneath.
 */
export function assertOrderAction(action: OrderAction, order: OrderFacts): OrderState {
  const refusal = orderActionRefusal(action, order);
  if (refusal) throw new AppError(ErrorCode.OrderActionNotAllowed, refusal, currentStateDetails(order.state));
  return ORDER_ACTION_RULES[action].to;
}
