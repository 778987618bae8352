import { AppError, ErrorCode, Price } from '@phoenix/contracts';
import { affordability, priceIn } from './pricing';

const purchase = (...prices: [string, number][]): { prices: Price[] } => ({
  prices: prices.map(([currency, amount]) => ({ currency, amount })),
});

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('priceIn', () => {
  const p = purchase(['coins', 100], ['gems', 3]);

  it('returns the price in the chosen currency', () => {
    expect(priceIn(p, 'gems')).toEqual({ currency: 'gems', amount: 3 });
    expect(priceIn(p, 'coins')).toEqual({ currency: 'coins', amount: 100 });
  });

  it.each([null, undefined])('refuses a reward with purchase %p', (config) => {
    const error = errorOf(() => priceIn(config, 'coins'));
    expect(error.code).toBe(ErrorCode.Validation);
    expect(error.details).toEqual([{ path: 'currency', message: 'reward is not purchasable' }]);
  });

  it('refuses another currency, listing the accepted ones', () => {
    const error = errorOf(() => priceIn(p, 'stars'));
    expect(error.code).toBe(ErrorCode.Validation);
    expect(error.details).toEqual([{ path: 'currency', message: 'must be one of: coins, gems' }]);
  });

  it('matches currencies exactly (case-sensitive)', () => {
    expect(errorOf(() => priceIn(p, 'Coins')).details?.[0].path).toBe('currency');
  });
});

describe('affordability', () => {
  const p = purchase(['coins', 100], ['gems', 10]);

  it('says a grant-only reward is never affordable, whatever the funds', () => {
    for (const config of [null, undefined]) {
      expect(affordability(config, { kind: 'unknown' })).toEqual({ affordable: false, points_needed: null });
      expect(affordability(config, { kind: 'balance', balance: 1e9 })).toEqual({ affordable: false, points_needed: null });
      expect(affordability(config, { kind: 'wallet', balances: { coins: 1e9 } })).toEqual({ affordable: false, points_needed: null });
    }
  });

  it('cannot tell with unknown funds', () => {
    expect(affordability(p, { kind: 'unknown' })).toEqual({ affordable: null, points_needed: null });
  });

  describe('with a stated balance', () => {
    it('compares against every price when no currency is given', () => {
      expect(affordability(p, { kind: 'balance', balance: 10 })).toEqual({ affordable: true, points_needed: null });
      expect(affordability(p, { kind: 'balance', balance: 4 })).toEqual({ affordable: false, points_needed: 6 });
    });

    it('counts an exact balance as enough', () => {
      expect(affordability(p, { kind: 'balance', balance: 100, currency: 'coins' })).toEqual({ affordable: true, points_needed: null });
    });

    it('only considers the given currency', () => {
      expect(affordability(p, { kind: 'balance', balance: 50, currency: 'coins' })).toEqual({ affordable: false, points_needed: 50 });
      expect(affordability(p, { kind: 'balance', balance: 50, currency: 'gems' })).toEqual({ affordable: true, points_needed: null });
    });

    it('is not affordable, with no shortfall, in a currency the reward is not priced in', () => {
      expect(affordability(p, { kind: 'balance', balance: 1e9, currency: 'stars' })).toEqual({ affordable: false, points_needed: null });
    });

    it('reports the full amount with a zero balance', () => {
      expect(affordability(purchase(['coins', 7]), { kind: 'balance', balance: 0 })).toEqual({ affordable: false, points_needed: 7 });
    });
  });

  describe('with a wallet', () => {
    it('is affordable when any price is covered in its own currency', () => {
      expect(affordability(p, { kind: 'wallet', balances: { coins: 5, gems: 10 } })).toEqual({ affordable: true, points_needed: null });
    });

    it('does not mix currencies', () => {
      // 1000 gems would cover the coin price numerically, but not in coins; gems alone are enough anyway.
      expect(affordability(purchase(['coins', 100]), { kind: 'wallet', balances: { gems: 1000 } })).toEqual({
        affordable: false,
        points_needed: 100,
      });
    });

    it('reports the smallest shortfall, absent currencies counting as 0', () => {
      expect(affordability(p, { kind: 'wallet', balances: { coins: 95 } })).toEqual({ affordable: false, points_needed: 5 });
      expect(affordability(p, { kind: 'wallet', balances: {} })).toEqual({ affordable: false, points_needed: 10 });
    });

    it('does not read Object.prototype for a currency named like one of its members', () => {
      expect(affordability(purchase(['constructor', 3]), { kind: 'wallet', balances: {} })).toEqual({ affordable: false, points_needed: 3 });
    });
  });

  it('treats an empty price list as not affordable with no shortfall', () => {
    expect(affordability({ prices: [] }, { kind: 'balance', balance: 10 })).toEqual({ affordable: false, points_needed: null });
    expect(affordability({ prices: [] }, { kind: 'wallet', balances: {} })).toEqual({ affordable: false, points_needed: null });
  });
});
