import { Logger } from '@nestjs/common';

export interface PollingLoopsOptions {
  /** Loops run side by side (each handles one unit of work at a time). */
  count: number;
  /** Pause after a round that found nothing to do. */
  idleMs: number;
  /** Does one unit of work; true if there was some (then the loop goes on at once). */
  runOnce: () => Promise<boolean>;
  logger: Logger;
  what: string;
}

/**
 * Loops that keep taking work while there is some and pause when there is none. An error
 * is logged and the loop goes on: work that failed mid-way is taken again later by design.
 * Returns a stop function that resolves once every loop has finished its current unit (an
 * idle pause ends at once).
 */
export function startPollingLoops(options: PollingLoopsOptions): () => Promise<void> {
  let running = true;
  const pauses = new Set<() => void>();
  const pause = () =>
    new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(timer);
        pauses.delete(end);
        resolve();
      };
      const timer = setTimeout(end, options.idleMs);
      pauses.add(end);
    });
  const loop = async () => {
    while (running) {
      let worked = false;
      try {
        worked = await options.runOnce();
      } catch (error) {
        options.logger.warn({ err: error }, `${options.what} failed to run; it will be taken again`);
      }
      if (!worked && running) await pause();
    }
  };
  const loops = Array.from({ length: options.count }, loop);
  return async () => {
    running = false;
    pauses.forEach((end) => end());
    await Promise.all(loops);
  };
}
