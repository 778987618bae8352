import { AppError, ErrorCode, ORDER_STATES, OrderState } from '@phoenix/contracts';
import { ADMIN_ORDER_ACTIONS, assertOrderAction, ORDER_ACTION_RULES, ORDER_ACTIONS, OrderAction, OrderFacts } from './order-actions';
import { canTransition } from './order-state-machine';

/**
 * SPEC §5 written out a second time, by hand, as the expected answer for every pair: the one
 * source state each action starts from (refund: three) and where it leads.
 */
const EXPECTED: Record<OrderAction, { from: OrderState[]; to: OrderState }> = {
  complete: { from: ['fulfilling'], to: 'completed' },
  fail: { from: ['fulfilling'], to: 'failed' },
  retry: { from: ['failed'], to: 'fulfilling' },
  refund: { from: ['fulfilling', 'failed', 'completed'], to: 'refunded' },
  claim: { from: ['pending_claim'], to: 'fulfilling' },
};

// The kind of order each action is meant for; another kind is refused whatever the state.
const FITTING: Record<OrderAction, Omit<OrderFacts, 'state'>> = {
  complete: { source_type: 'purchase', fulfillment_type: 'manual' },
  fail: { source_type: 'leaderboard', fulfillment_type: 'manual' },
  retry: { source_type: 'leaderboard', fulfillment_type: 'wallet' },
  refund: { source_type: 'purchase', fulfillment_type: 'api' },
  claim: { source_type: 'leaderboard', fulfillment_type: 'wallet' },
};

const cases = ORDER_ACTIONS.flatMap((action) => ORDER_STATES.map((state) => [action, state] as [OrderAction, OrderState]));

function outcome(action: OrderAction, order: OrderFacts): OrderState | AppError {
  try {
    return assertOrderAction(action, order);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('order actions', () => {
  it('covers every admin action of the admin gateway, and the claim', () => {
    expect([...ADMIN_ORDER_ACTIONS].sort()).toEqual(['complete', 'fail', 'refund', 'retry']);
    expect(Object.keys(ORDER_ACTION_RULES).sort()).toEqual([...ORDER_ACTIONS].sort());
    expect(cases).toHaveLength(5 * 6);
  });

  describe.each(cases)('%s on an order in %s', (action, state) => {
    const allowed = EXPECTED[action].from.includes(state);

    it(allowed ? `leads to ${EXPECTED[action].to}` : 'is refused with 409 naming the action and the state', () => {
      const result = outcome(action, { state, ...FITTING[action] });
      if (allowed) {
        expect(result).toBe(EXPECTED[action].to);
      } else {
        expect(result).toBeInstanceOf(AppError);
        expect(result).toMatchObject({
          code: ErrorCode.OrderActionNotAllowed,
          message: expect.stringContaining(`Cannot ${action} an order in state "${state}"`),
          details: [{ path: 'status.state', message: state }],
        });
      }
    });
  });

  it('says where an action is allowed from', () => {
    expect(() => assertOrderAction('retry', { state: 'pending_claim', ...FITTING.retry })).toThrow(
      'Cannot retry an order in state "pending_claim": retry is allowed from "failed" only',
    );
    expect(() => assertOrderAction('refund', { state: 'expired', ...FITTING.refund })).toThrow(
      'Cannot refund an order in state "expired": refund is allowed from "fulfilling", "failed", "completed" only',
    );
  });

  it.each(ORDER_STATES)('refuses completing or failing a wallet or API order by hand (%s)', (state) => {
    for (const action of ['complete', 'fail'] as const) {
      for (const fulfillment_type of ['wallet', 'api']) {
        expect(outcome(action, { state, source_type: 'purchase', fulfillment_type })).toMatchObject({
          code: ErrorCode.OrderActionNotAllowed,
          message: `Cannot ${action} an order with fulfillment_type "${fulfillment_type}": ${action} applies to manual orders only`,
        });
      }
    }
  });

  it.each(ORDER_STATES)('refuses refunding anything but a purchase (%s)', (state) => {
    for (const source_type of ['leaderboard', 'admin', 'Purchase', '']) {
      expect(outcome('refund', { state, source_type, fulfillment_type: 'wallet' })).toMatchObject({
        code: ErrorCode.OrderActionNotAllowed,
        message: `Cannot refund an order with source_type "${source_type}": refund applies to purchases only`,
        details: [{ path: 'status.state', message: state }],
      });
    }
  });

  it('retries and claims whatever the source and fulfillment', () => {
    for (const source_type of ['purchase', 'leaderboard']) {
      for (const fulfillment_type of ['wallet', 'manual', 'api']) {
        expect(outcome('retry', { state: 'failed', source_type, fulfillment_type })).toBe('fulfilling');
        expect(outcome('claim', { state: 'pending_claim', source_type, fulfillment_type })).toBe('fulfilling');
      }
    }
  });

  it('allows no move the state machine forbids', () => {
    for (const action of ORDER_ACTIONS) {
      const { from, to, onlyFor } = ORDER_ACTION_RULES[action];
      const sourceType = onlyFor?.property === 'source_type' ? onlyFor.value : 'purchase';
      for (const state of from) expect({ action, state, to, ok: canTransition(state, to, sourceType) }).toEqual({ action, state, to, ok: true });
    }
  });
});
