const FIRST_DELAY_MS = 30_000;
const LONGEST_DELAY_MS = 6 * 60 * 60 * 1000;

/**
 * Wait before the next webhook attempt after `failedAttempts` failures: 30 s doubling up to
 * 6 h, ±20 % jitter so endpoints that recover do not get every retry at the same moment.
 * Thirteen attempts span about a day (see `webhookScheduleMs`).
 */
export function webhookBackoffMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Total time from the first attempt to the last of `attempts`, without jitter. */
export function webhookScheduleMs(attempts: number): number {
  let total = 0;
  for (let failed = 1; failed < attempts; failed++) total += webhookBackoffMs(failed, () => 0.5);
  return total;
}
