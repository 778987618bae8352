import { AuthFailureLimiter } from './auth-failure-limiter';

describe('AuthFailureLimiter', () => {
  function limiter(perSecond: number, burst: number, maxKeys?: number) {
    let clock = 0;
    const limits = new AuthFailureLimiter({ perSecond, burst }, { now: () => clock, ...(maxKeys ? { maxKeys } : {}) });
    return { limits, tick: (ms: number) => (clock += ms) };
  }

  it('lets an address fail `burst` times, then answers how long to wait', () => {
    const { limits } = limiter(0.5, 3);
    expect([limits.failed('a'), limits.failed('a'), limits.failed('a')]).toEqual([undefined, undefined, undefined]);
    expect(limits.allows('a')).toBe(false);
    expect(limits.failed('a')).toBe(2);
    expect(limits.allows('b')).toBe(true);
    expect(limits.failed('b')).toBeUndefined();
  });

  it('refills at perSecond', () => {
    const { limits, tick } = limiter(2, 1);
    limits.failed('a');
    expect(limits.allows('a')).toBe(false);
    tick(499);
    expect(limits.allows('a')).toBe(false);
    tick(1);
    expect(limits.allows('a')).toBe(true);
    expect(limits.failed('a')).toBeUndefined();
  });

  it('checking an address adds no bucket for it', () => {
    const { limits } = limiter(1, 1, 1);
    limits.failed('a');
    for (let i = 0; i < 10; i++) expect(limits.allows(`other-${i}`)).toBe(true);
    expect(limits.allows('a')).toBe(false);
  });

  it('is off with a rate of 0', () => {
    const { limits } = limiter(0, 1);
    for (let i = 0; i < 10; i++) expect(limits.failed('a')).toBeUndefined();
    expect(limits.allows('a')).toBe(true);
  });
});
