import type { OrderState } from '@phoenix/contracts';
import type { OrderRecord } from './order.record';

type Status = OrderRecord['status'];

/** The timestamp each state records in `status` when an order enters it. */
const ENTERED_AT: Partial<Record<OrderState, string>> = {
  fulfilling: 'started_at',
  completed: 'completed_at',
  failed: 'failed_at',
  expired: 'expired_at',
  refunded: 'refunded_at',
};

export function initialStatus(state: OrderState, now: Date): Status {
  const at = ENTERED_AT[state];
  return at ? { state, [at]: now.toISOString() } : { state };
}

/**
 * The status after a transition: the new state and its timestamp, earlier timestamps kept
 * (so a completed order still shows when it started), plus what the transition adds.
 */
export function nextStatus(previous: Status, state: OrderState, now: Date, extra: Record<string, unknown> = {}): Status {
  const { state: _previousState, reason: _reason, ...kept } = previous;
  const at = ENTERED_AT[state];
  return { ...kept, state, ...(at ? { [at]: now.toISOString() } : {}), ...extra };
}
