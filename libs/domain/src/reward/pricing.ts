import { AppError, Price } from '@phoenix/contracts';

type PurchaseConfig = { prices: Price[] } | null | undefined;

/** The price a purchase pays in the currency the buyer chose. */
export function priceIn(purchase: PurchaseConfig, currency: string): Price {
  if (!purchase) {
    throw AppError.validation('Reward is not purchasable', [{ path: 'currency', message: 'reward is not purchasable' }]);
  }
  const price = purchase.prices.find((p) => p.currency === currency);
  if (price) return price;
  const accepted = purchase.prices.map((p) => p.currency).join(', ');
  throw AppError.validation(`Reward cannot be bought with ${currency}`, [
    { path: 'currency', message: `must be one of: ${accepted}` },
  ]);
}

export interface Affordability {
  /** null when the caller's funds are unknown. */
  affordable: boolean | null;
  /** The smallest shortfall; null when affordable or when it cannot be said. */
  points_needed: number | null;
}

export type Funds =
  /** A balance the caller stated (catalog `?balance=`), optionally in one currency. */
  | { kind: 'balance'; balance: number; currency?: string }
  /** The user's wallet: balance per currency, absent currencies being 0. */
  | { kind: 'wallet'; balances: Record<string, number> }
  | { kind: 'unknown' };

/** Whether the funds cover at least one of the reward's prices, and if not how far off the closest is. */
export function affordability(purchase: PurchaseConfig, funds: Funds): Affordability {
  // Grant-only rewards can never be bought, whatever the funds.
  if (!purchase) return { affordable: false, points_needed: null };
  switch (funds.kind) {
    case 'unknown':
      return { affordable: null, points_needed: null };
    case 'balance': {
      const considered = funds.currency === undefined ? purchase.prices : purchase.prices.filter((p) => p.currency === funds.currency);
      return compare(considered.map((p) => ({ amount: p.amount, available: funds.balance })));
    }
    case 'wallet':
      return compare(
        purchase.prices.map((p) => ({
          amount: p.amount,
          // Own properties only: a currency named "constructor" must not read Object.prototype.
          available: Object.hasOwn(funds.balances, p.currency) ? (funds.balances[p.currency] ?? 0) : 0,
        })),
      );
  }
}

function compare(options: { amount: number; available: number }[]): Affordability {
  if (options.length === 0) return { affordable: false, points_needed: null };
  if (options.some((o) => o.amount <= o.available)) return { affordable: true, points_needed: null };
  return { affordable: false, points_needed: Math.min(...options.map((o) => o.amount - o.available)) };
}
