import { AppError, ErrorCode, ORDER_STATES, OrderState } from '@phoenix/contracts';
import { assertTransition, canTransition } from './order-state-machine';

const common: [OrderState, OrderState][] = [
  ['pending_claim', 'fulfilling'],
  ['pending_claim', 'expired'],
  ['fulfilling', 'completed'],
  ['fulfilling', 'failed'],
  ['failed', 'fulfilling'],
];
const refunds: [OrderState, OrderState][] = [
  ['fulfilling', 'refunded'],
  ['failed', 'refunded'],
  ['completed', 'refunded'],
];
const allowed = {
  purchase: new Set([...common, ...refunds].map(([f, t]) => `${f}->${t}`)),
  grant: new Set(common.map(([f, t]) => `${f}->${t}`)),
};
const matrix = ORDER_STATES.flatMap((from) => ORDER_STATES.map((to) => [from, to] as [OrderState, OrderState]));

function errorOf(fn: () => void): AppError | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  return undefined;
}

describe('order state machine', () => {
  it('covers all 36 pairs', () => {
    expect(matrix).toHaveLength(36);
  });

  describe.each([
    ['purchase', 'purchase'],
    ['grant', 'campaign'],
  ] as const)('for a %s', (kind, sourceType) => {
    it.each(matrix)(`%s -> %s`, (from, to) => {
      const expected = allowed[kind].has(`${from}->${to}`);
      expect(canTransition(from, to, sourceType)).toBe(expected);
      const error = errorOf(() => assertTransition(from, to, sourceType));
      if (expected) {
        expect(error).toBeUndefined();
      } else {
        expect(error?.code).toBe(ErrorCode.Conflict);
        expect(error?.details).toEqual([{ path: 'status.state', message: from }]);
        expect(error?.message).toBe(
          to === 'refunded' && kind === 'grant' ? 'Only purchases can be refunded' : `Order cannot go from ${from} to ${to}`,
        );
      }
    });
  });

  it('names both states in the message', () => {
    expect(() => assertTransition('completed', 'fulfilling', 'purchase')).toThrow('Order cannot go from completed to fulfilling');
  });

  it('only treats the exact source type "purchase" as a purchase', () => {
    expect(canTransition('completed', 'refunded', 'Purchase')).toBe(false);
    expect(canTransition('completed', 'refunded', '')).toBe(false);
    expect(() => assertTransition('completed', 'refunded', 'achievement')).toThrow('Only purchases can be refunded');
  });

  it('never allows staying in the same state', () => {
    for (const state of ORDER_STATES) expect(canTransition(state, state, 'purchase')).toBe(false);
  });
});
