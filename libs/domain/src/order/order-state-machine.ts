import { AppError, OrderState } from '@phoenix/contracts';

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

export function canTransition(from: OrderState, to: OrderState, sourceType: string): boolean {
  if (to === 'refunded') return sourceType === PURCHASE && REFUNDABLE_FROM.includes(from);
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: OrderState, to: OrderState, sourceType: string): void {
  if (canTransition(from, to, sourceType)) return;
  // Say why in the terms that matter: for a grant, the state is not the reason.
  if (to === 'refunded' && sourceType !== PURCHASE) throw AppError.conflict('Only purchases can be refunded');
  throw AppError.conflict(`Order cannot go from ${from} to ${to}`);
}
