import { Logger } from '@nestjs/common';

export interface PollingLoopsOptions {
  /** Loops run side by side (each handles one unit of work at a time). */
  count: number;
  /**
   * The safety poll: the longest the loops sleep when idle. It finds the work nobody woke them
   * for (rows another replica wrote, a wake-up lost with a crash), so it can be slow.
   */
  idleMs: number;
  /** Does one unit of work; true if there was some (then the loop goes on at once). */
  runOnce: () => Promise<boolean>;
  /**
   * How long until the next known unit of work is due (a retry, a lease that ends), in ms, or
   * null when nothing is scheduled. Asked once the last busy loop goes idle: the loops then
   * sleep until that moment rather than polling for it.
   */
  nextDueInMs?: () => Promise<number | null>;
  logger: Logger;
  what: string;
}

export interface PollingLoops {
  /** New work may be there (committed by this process): sleeping loops look for it at once. */
  wake(): void;
  /** Resolves once every loop has finished its current unit (an idle sleep ends at once). */
  stop(): Promise<void>;
}

/** A due time already past is looked at after this: the row may be held by another replica's claim. */
const MIN_DUE_MS = 25;
/** After a failed round a loop waits at most this long: a failing database is retried soon, not hammered. */
const AFTER_ERROR_MS = 1_000;

/**
 * Loops that keep taking work while there is some and sleep when there is none, until woken:
 * by `wake()` (new work committed in this process), by a timer set to the next due unit, or
 * by the safety poll. A timer or safety wake-up rouses one loop; a loop that finds work rouses
 * one more, so a backlog gets every loop and an idle round costs one query. An error is logged
 * and the loop goes on: work that failed mid-way is taken again later by design.
 */
export function startPollingLoops(options: PollingLoopsOptions): PollingLoops {
  let running = true;
  /** Counts wake() calls: a loop woken during its round looks again instead of sleeping. */
  let wakes = 0;
  const sleepers: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;

  const wakeOne = () => sleepers.shift()?.();
  const wakeAll = () => sleepers.splice(0).forEach((resume) => resume());
  const sleep = (ms?: number) =>
    new Promise<void>((resolve) => {
      const own = ms === undefined ? undefined : setTimeout(() => resume(), ms);
      const resume = () => {
        clearTimeout(own);
        const index = sleepers.indexOf(resume);
        if (index >= 0) sleepers.splice(index, 1);
        resolve();
      };
      sleepers.push(resume);
    });
  const armTimer = async () => {
    let due: number | null = null;
    try {
      due = (await options.nextDueInMs?.()) ?? null;
    } catch (error) {
      options.logger.warn({ err: error }, `${options.what}: the next due time could not be read; the safety poll stands`);
    }
    clearTimeout(timer);
    timer = setTimeout(wakeOne, due === null ? options.idleMs : Math.min(options.idleMs, Math.max(MIN_DUE_MS, due)));
  };

  const loop = async () => {
    while (running) {
      const seen = wakes;
      let outcome: 'worked' | 'idle' | 'failed' = 'idle';
      try {
        outcome = (await options.runOnce()) ? 'worked' : 'idle';
      } catch (error) {
        outcome = 'failed';
        options.logger.warn({ err: error }, `${options.what} failed to run; it will be taken again`);
      }
      if (!running) break;
      if (outcome === 'worked') {
        wakeOne();
        continue;
      }
      if (wakes !== seen) continue;
      if (outcome === 'failed') {
        await sleep(Math.min(options.idleMs, AFTER_ERROR_MS));
        continue;
      }
      // The last loop to go idle sets the timer; the others just sleep.
      if (sleepers.length === options.count - 1) await armTimer();
      if (wakes === seen && running) await sleep();
    }
  };
  const loops = Array.from({ length: options.count }, loop);
  return {
    wake() {
      wakes += 1;
      wakeAll();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      wakeAll();
      await Promise.all(loops);
    },
  };
}
