import type { WalletView } from '@phoenix/contracts';
import { LRUCache } from 'lru-cache';
import type { Database, Transaction } from '@phoenix/persistence';

const WRITTEN = 'phoenix.wallets-written';

/**
 * Users' wallets kept in memory, for a process that is its database's only writer of
 * balances: the standalone with its embedded Postgres, where every wallet read otherwise
 * costs a PGlite query of several milliseconds (WALLET_CACHE, set by the standalone
 * launcher; off where other replicas may write).
 *
 * Fresh by construction: every balance change goes through WalletRepository inside a
 * transaction, which marks the wallet written; the entry is dropped when the change is made
 * and again when its transaction ends (commit or rollback). A read stores what it found
 * only if no wallet was written while it ran, so a read that raced a commit never keeps the
 * value from before it.
 */
export class WalletCache {
  private readonly wallets = new LRUCache<string, WalletView>({ max: 10_000 });
  /** Bumped by every change and every end of a writing transaction. */
  private epoch = 0;

  constructor(database: Database) {
    database.onTransactionEnd((tx) => this.ended(tx));
  }

  async read(tenantId: string, userId: string, load: () => Promise<WalletView>): Promise<WalletView> {
    const key = walletKey(tenantId, userId);
    const cached = this.wallets.get(key);
    if (cached) return cached;
    const epoch = this.epoch;
    const wallet = await load();
    if (epoch === this.epoch) this.wallets.set(key, deepFreeze(wallet));
    return wallet;
  }

  /** Called with each balance change, inside its transaction. */
  written(tx: Transaction, tenantId: string, userId: string): void {
    const key = walletKey(tenantId, userId);
    this.forget(key);
    const data = tx.data as Record<string, Set<string> | undefined>;
    (data[WRITTEN] ??= new Set()).add(key);
  }

  private ended(tx: Transaction): void {
    const data = tx.data as Record<string, Set<string> | undefined>;
    const keys = data[WRITTEN];
    if (!keys) return;
    delete data[WRITTEN];
    for (const key of keys) this.forget(key);
  }

  private forget(key: string): void {
    this.epoch += 1;
    this.wallets.delete(key);
  }
}

function walletKey(tenantId: string, userId: string): string {
  return `${tenantId}\u0000${userId}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
