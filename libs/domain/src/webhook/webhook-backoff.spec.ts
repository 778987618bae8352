import { webhookBackoffMs, webhookScheduleMs } from './webhook-backoff';

describe('webhook backoff', () => {
  it('doubles from 30 s and stops growing at 6 h', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((n) => webhookBackoffMs(n, middle))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(webhookBackoffMs(30, middle)).toBe(6 * 3600 * 1000);
  });

  it('jitters within ±20 %', () => {
    expect(webhookBackoffMs(1, () => 0)).toBe(24_000);
    expect(webhookBackoffMs(1, () => 1)).toBe(36_000);
  });

  it('spreads 13 attempts over roughly a day', () => {
    const hours = webhookScheduleMs(13) / 3_600_000;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(30);
  });
});
