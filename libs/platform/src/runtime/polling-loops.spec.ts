import { Logger } from '@nestjs/common';
import { PollingLoopsOptions, startPollingLoops } from './polling-loops';

const logger = new Logger('test');
logger.warn = () => undefined;

/** Loops over a queue of work items: runOnce takes one when there is one. */
function loopsOver(work: number[], options: Partial<PollingLoopsOptions> = {}) {
  const rounds: string[] = [];
  const loops = startPollingLoops({
    count: 1,
    idleMs: 60_000,
    runOnce: async () => {
      const item = work.shift();
      rounds.push(item === undefined ? 'idle' : 'work');
      return item !== undefined;
    },
    logger,
    what: 'test work',
    ...options,
  });
  return { loops, rounds };
}

describe('startPollingLoops', () => {
  afterEach(() => jest.useRealTimers());

  it('stops without waiting out an idle pause', async () => {
    const { stop } = startPollingLoops({ count: 2, idleMs: 60_000, runOnce: async () => false, logger, what: 'nothing' });
    await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('lets the unit under way finish before stop resolves', async () => {
    let finished = 0;
    const { stop } = startPollingLoops({
      count: 1,
      idleMs: 10,
      runOnce: async () => {
        await new Promise((r) => setTimeout(r, 50));
        finished += 1;
        return true;
      },
      logger,
      what: 'slow work',
    });
    await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(finished).toBe(1);
  });

  it('drains the work there is, then sleeps until woken', async () => {
    jest.useFakeTimers();
    const work = [1, 2];
    const { loops, rounds } = loopsOver(work);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(rounds).toEqual(['work', 'work', 'idle']);

    work.push(3);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(rounds).toHaveLength(3);
    loops.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(rounds).toEqual(['work', 'work', 'idle', 'work', 'idle']);
    await loops.stop();
  });

  it('looks again when woken during a round that found nothing', async () => {
    jest.useFakeTimers();
    const rounds: string[] = [];
    let wakeDuringRound = true;
    const loops = startPollingLoops({
      count: 1,
      idleMs: 60_000,
      runOnce: async () => {
        rounds.push('round');
        // The work is committed after this round's query and before it sleeps.
        if (wakeDuringRound) {
          wakeDuringRound = false;
          loops.wake();
        }
        return false;
      },
      logger,
      what: 'test work',
    });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(rounds).toEqual(['round', 'round']);
    await loops.stop();
  });

  it('sleeps until the next due unit, and no longer than the safety poll', async () => {
    jest.useFakeTimers();
    let dueInMs: number | null = 300;
    const { loops, rounds } = loopsOver([], { nextDueInMs: async () => dueInMs });
    await jest.advanceTimersByTimeAsync(0);
    expect(rounds).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(299);
    expect(rounds).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(rounds).toHaveLength(2);

    dueInMs = null; // nothing scheduled: the safety poll
    await jest.advanceTimersByTimeAsync(300);
    expect(rounds).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(59_999);
    expect(rounds).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(1);
    expect(rounds).toHaveLength(4);

    dueInMs = 10 * 60_000; // due after the safety poll: the safety poll comes first
    await jest.advanceTimersByTimeAsync(60_000);
    expect(rounds).toHaveLength(5);
    await loops.stop();
  });

  it('does not spin on a due time already past', async () => {
    jest.useFakeTimers();
    const { loops, rounds } = loopsOver([], { nextDueInMs: async () => -5_000 });
    await jest.advanceTimersByTimeAsync(100);
    expect(rounds.length).toBeLessThanOrEqual(5);
    await loops.stop();
  });

  it('costs one round per idle wake-up however many loops run, and rouses them all for a backlog', async () => {
    jest.useFakeTimers();
    const work: number[] = [];
    let busy = 0;
    let mostAtOnce = 0;
    let rounds = 0;
    const loops = startPollingLoops({
      count: 4,
      idleMs: 5_000,
      runOnce: async () => {
        rounds += 1;
        if (work.shift() === undefined) return false;
        busy += 1;
        mostAtOnce = Math.max(mostAtOnce, busy);
        await new Promise((r) => setTimeout(r, 100));
        busy -= 1;
        return true;
      },
      logger,
      what: 'test work',
    });
    await jest.advanceTimersByTimeAsync(1_000);
    rounds = 0;
    await jest.advanceTimersByTimeAsync(5_000);
    expect(rounds).toBe(1);

    work.push(...Array.from({ length: 20 }, (_, i) => i));
    await jest.advanceTimersByTimeAsync(5_000);
    expect(work).toHaveLength(0);
    expect(mostAtOnce).toBe(4);
    await loops.stop();
  });

  it('waits a moment after a failed round, not for the safety poll', async () => {
    jest.useFakeTimers();
    let calls = 0;
    const loops = startPollingLoops({
      count: 1,
      idleMs: 60_000,
      runOnce: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database gone');
        return false;
      },
      logger,
      what: 'test work',
    });
    await jest.advanceTimersByTimeAsync(999);
    expect(calls).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await loops.stop();
  });
});
