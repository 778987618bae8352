import { AppError, ErrorCode, ErrorDetail, OrderState } from '@phoenix/contracts';

/** The moves any order may make. Refunds are handled apart: they depend on the source. */
const TRANSITIONS: Record<OrderState, readonly OrderState[]> = {
  pending_claim: ['fulfilling', 'expired'],
  fulfilling: ['completed', 'failed'],
  // A failed delivery may be retried.
  failed: ['fulfilling'],
  completed: [],
  expired: [],
  refunded: [],
};

/** Only a purchase moved money, so only a purchase has something to give back. */
const REFUNDABLE_FROM: readonly OrderState[] = ['fulfilling', 'failed', 'completed'];
const PURCHASE = 'purchase';

/**
 * The details of a refused change: the order's state as it is, at its place in the order
 * (`status.state`), so a client that acted on a stale view learns what happened meanwhile.
 */
export function currentStateDetails(state: OrderState): ErrorDetail[] {
  return [{ path: 'status.state', message: state }];
}

export function canTransition(from: OrderState, to: OrderState, sourceType: string): boolean {
  if (to === 'refunded') return sourceType === PURCHASE && REFUNDABLE_FROM.includes(from);
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: OrderState, to: OrderState, sourceType: string): void {
  if (canTransition(from, to, sourceType)) return;
  // Say why in the terms that matter: for a grant, the state is not the reason.
  const message = to === 'refunded' && sourceType !== PURCHASE ? 'Only purchases can be refunded' : `Order cannot go from ${from} to ${to}`;
  throw new AppError(ErrorCode.Conflict, message, currentStateDetails(from));
}
