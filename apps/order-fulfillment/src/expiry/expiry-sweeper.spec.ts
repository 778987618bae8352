import type { ServiceClient } from '@phoenix/platform';
import type { FulfillmentConfig } from '../config';
import { ExpirySweeper } from './expiry-sweeper';

type Answer = { expired: number; next_due_in_ms?: number | null } | Error;

/** A catalog that answers each expire-due call with the next scripted answer (the last one repeats). */
function sweeperWith(answers: Answer[], safetyMs = 60_000) {
  const calls: number[] = [];
  const catalog = {
    send: jest.fn(async () => {
      calls.push(Date.now());
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (answer instanceof Error) throw answer;
      return answer;
    }),
  } as unknown as ServiceClient;
  const sweeper = new ExpirySweeper(catalog, { EXPIRY_SWEEP_MS: safetyMs } as FulfillmentConfig);
  return { sweeper, calls };
}

describe('ExpirySweeper', () => {
  let start: number;
  beforeEach(() => {
    jest.useFakeTimers();
    start = Date.now();
  });
  afterEach(() => jest.useRealTimers());
  const at = (calls: number[]) => calls.map((t) => t - start);

  it('sweeps at start, then sleeps until the next expiry the catalog reports, not on an interval', async () => {
    const { sweeper, calls } = sweeperWith([{ expired: 0, next_due_in_ms: 10_000 }, { expired: 1, next_due_in_ms: null }]);
    sweeper.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(100);
    expect(at(calls)).toEqual([25]);
    await jest.advanceTimersByTimeAsync(9_000);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(at(calls)).toEqual([25, 10_025]);
    // Nothing left to expire: the next sweep is the safety interval's.
    await jest.advanceTimersByTimeAsync(59_000);
    expect(calls).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1_100);
    expect(calls).toHaveLength(3);
    await sweeper.beforeApplicationShutdown();
  });

  it('wakes for a new order’s deadline when it is sooner than the planned sweep, and ignores later ones', async () => {
    const { sweeper, calls } = sweeperWith([{ expired: 0, next_due_in_ms: null }]);
    sweeper.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(1);
    sweeper.expiresAt(new Date(Date.now() + 2_000).toISOString());
    sweeper.expiresAt(new Date(Date.now() + 30_000).toISOString());
    sweeper.expiresAt('not a time');
    await jest.advanceTimersByTimeAsync(2_100);
    expect(at(calls)).toEqual([25, 2_100]);
    // The later deadline was dropped: the catalog's answer (none left) rules, so the safety interval.
    await jest.advanceTimersByTimeAsync(30_000);
    expect(calls).toHaveLength(2);
    await sweeper.beforeApplicationShutdown();
  });

  it('sweeps again in batches while a sweep fills its batch, and retries a failed sweep shortly', async () => {
    const { sweeper, calls } = sweeperWith([{ expired: 500 }, { expired: 3, next_due_in_ms: null }, new Error('catalog unavailable'), { expired: 0, next_due_in_ms: null }], 600_000);
    sweeper.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(2); // a full batch, then the rest, in one sweep
    sweeper.expiresAt(new Date(Date.now()).toISOString());
    await jest.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(3); // failed
    await jest.advanceTimersByTimeAsync(4_900);
    expect(calls).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(200);
    expect(calls).toHaveLength(4);
    await sweeper.beforeApplicationShutdown();
  });

  it('plans nothing once shutting down', async () => {
    const { sweeper, calls } = sweeperWith([{ expired: 0, next_due_in_ms: 50 }]);
    sweeper.onApplicationBootstrap();
    await sweeper.beforeApplicationShutdown();
    sweeper.expiresAt(new Date(Date.now() + 100).toISOString());
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(0);
  });
});
