import { Inject, Injectable } from '@nestjs/common';
import { AppError, type WalletAsset, type WalletTransactionView, type WalletView } from '@phoenix/contracts';
import { assertSafeBalance, insufficientBalance, signedAmount } from '@phoenix/domain';
import { Database, preparedRows, queryOne, queryRows, statement, Transaction, violates } from '@phoenix/persistence';
import { CATALOG_CONFIG, type CatalogConfig } from '../config';
import { WalletCache } from './wallet-cache';

export interface LedgerEntryInput {
  tenantId: string;
  userId: string;
  asset: WalletAsset;
  /** The currency code; '' for XP; the badge id for a badge. */
  currency: string;
  type: 'credit' | 'debit';
  amount: number;
  reason: string;
  reference: string | null;
  idempotencyKey: string | null;
}

/** $1–$4 the balance's key, $5 the amount, $6 the signed amount, $7–$9 reason, reference, idempotency key. */
export const DEBIT_WITH_ENTRY = statement(
  'wallet_debit_with_entry',
  `WITH debited AS (
     UPDATE catalog.wallet_balances SET balance = balance - $5, updated_at = now()
     WHERE tenant_id = $1 AND user_id = $2 AND asset = $3 AND currency = $4 AND balance >= $5
     RETURNING balance)
   INSERT INTO catalog.wallet_ledger
     (tenant_id, user_id, asset, currency, amount, balance_after, reason, reference, idempotency_key)
   SELECT $1, $2, $3, $4, $6::bigint, debited.balance, $7::text, $8::text, $9::text FROM debited
   RETURNING id, amount, balance_after, created_at`,
);

/** A user's balances: every catalog read without `balance` makes one. */
const WALLET = statement(
  'wallet_balances_of_user',
  `SELECT asset, currency, balance, updated_at FROM catalog.wallet_balances WHERE tenant_id = $1 AND user_id = $2 ORDER BY asset, currency`,
);

interface LedgerRow {
  id: string;
  amount: string;
  balance_after: string;
  created_at: Date;
}

/**
 * Balances and their append-only ledger. Every change goes through `applyEntry`, inside the
 * caller's transaction, so a balance always equals the sum of its entries.
 */
@Injectable()
export class WalletRepository {
  private readonly cache: WalletCache | undefined;

  constructor(
    private readonly database: Database,
    @Inject(CATALOG_CONFIG) config: Pick<CatalogConfig, 'WALLET_CACHE'>,
  ) {
    this.cache = config.WALLET_CACHE ? new WalletCache(database) : undefined;
  }

  /**
   * Credits add to the balance (creating it at 0 first); debits are one conditional UPDATE
   * that only matches while the balance covers the amount, so concurrent debits serialise on
   * the row and none can take the balance below zero. A badge is a balance of 0 or 1.
   */
  async applyEntry(tx: Transaction, entry: LedgerEntryInput): Promise<WalletTransactionView> {
    this.cache?.written(tx, entry.tenantId, entry.userId);
    if (entry.type === 'debit') return this.debit(tx, entry);
    const key = [entry.tenantId, entry.userId, entry.asset, entry.currency];
    const balance = assertSafeBalance(Number((await this.credit(tx, entry, key)).balance));
    return this.record(tx, entry, balance);
  }

  /**
   * A debit and its ledger entry in one statement (a purchase's hot path): the entry is
   * written only if the conditional UPDATE matched, so no entry means nothing changed.
   */
  private async debit(tx: Transaction, entry: LedgerEntryInput): Promise<WalletTransactionView> {
    const [ledger] = await preparedRows<LedgerRow>(tx, DEBIT_WITH_ENTRY, [
      entry.tenantId, entry.userId, entry.asset, entry.currency, entry.amount,
      signedAmount('debit', entry.amount), entry.reason, entry.reference, entry.idempotencyKey,
    ]);
    if (!ledger) {
      if (entry.asset === 'badge') throw AppError.conflict(`User does not hold badge ${entry.currency}`);
      throw insufficientBalance(await this.balance(tx, entry), entry.amount);
    }
    return this.view(entry, ledger, Number(ledger.balance_after));
  }

  /**
   * Gives a badge unless the user already holds it, in one statement: of two concurrent
   * grants of the same badge, one inserts (or raises 0 to 1) and the other matches no row,
   * waiting on the first if it has not committed yet. Null means the badge was already held.
   */
  async grantBadgeOnce(tx: Transaction, entry: Omit<LedgerEntryInput, 'asset' | 'type' | 'amount'>): Promise<WalletTransactionView | null> {
    this.cache?.written(tx, entry.tenantId, entry.userId);
    const rows = await queryRows<{ balance: string }>(
      tx,
      `INSERT INTO catalog.wallet_balances (tenant_id, user_id, asset, currency, balance) VALUES ($1, $2, 'badge', $3, 1)
       ON CONFLICT (tenant_id, user_id, asset, currency)
       DO UPDATE SET balance = 1, updated_at = now() WHERE wallet_balances.balance = 0
       RETURNING balance`,
      [entry.tenantId, entry.userId, entry.currency],
    );
    if (rows.length === 0) return null;
    return this.record(tx, { ...entry, asset: 'badge', type: 'credit', amount: 1 }, 1);
  }

  /** Appends the ledger entry for a balance change already made. */
  private async record(tx: Transaction, entry: LedgerEntryInput, balance: number): Promise<WalletTransactionView> {
    const key = [entry.tenantId, entry.userId, entry.asset, entry.currency];
    const ledger = await queryOne<LedgerRow>(
      tx,
      `INSERT INTO catalog.wallet_ledger
         (tenant_id, user_id, asset, currency, amount, balance_after, reason, reference, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, amount, balance_after, created_at`,
      [...key, signedAmount(entry.type, entry.amount), balance, entry.reason, entry.reference, entry.idempotencyKey],
    );
    return this.view(entry, ledger, balance);
  }

  private view(entry: LedgerEntryInput, ledger: LedgerRow, balance: number): WalletTransactionView {
    return {
      id: ledger.id,
      type: entry.type,
      asset: entry.asset,
      currency: entry.asset === 'currency' ? entry.currency : null,
      badge_id: entry.asset === 'badge' ? entry.currency : null,
      amount: entry.amount,
      balance_after: balance,
      reason: entry.reason,
      reference: entry.reference,
      created_at: ledger.created_at.toISOString(),
    };
  }

  private async credit(tx: Transaction, entry: LedgerEntryInput, key: string[]): Promise<{ balance: string }> {
    try {
      return await queryOne<{ balance: string }>(
        tx,
        `INSERT INTO catalog.wallet_balances (tenant_id, user_id, asset, currency, balance) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, user_id, asset, currency)
         DO UPDATE SET balance = wallet_balances.balance + EXCLUDED.balance, updated_at = now()
         RETURNING balance`,
        [...key, entry.amount],
      );
    } catch (error) {
      if (violates(error, 'wallet_balances_badge_once')) {
        throw AppError.conflict(`User already holds badge ${entry.currency}`);
      }
      throw error;
    }
  }

  async wallet(tenantId: string, userId: string): Promise<WalletView> {
    return this.cache ? this.cache.read(tenantId, userId, () => this.load(tenantId, userId)) : this.load(tenantId, userId);
  }

  private async load(tenantId: string, userId: string): Promise<WalletView> {
    const rows = await preparedRows<{ asset: WalletAsset; currency: string; balance: string; updated_at: Date }>(this.database, WALLET, [
      tenantId,
      userId,
    ]);
    const view: WalletView = { tenant_id: tenantId, user_id: userId, balances: {}, xp: 0, badges: [] };
    for (const row of rows) {
      const amount = Number(row.balance);
      if (row.asset === 'currency') view.balances[row.currency] = amount;
      else if (row.asset === 'xp') view.xp = amount;
      else if (amount > 0) view.badges.push({ badge_id: row.currency, granted_at: row.updated_at.toISOString() });
    }
    return view;
  }

  private async balance(tx: Transaction, entry: LedgerEntryInput): Promise<number> {
    const [row] = await queryRows<{ balance: string }>(
      tx,
      `SELECT balance FROM catalog.wallet_balances WHERE tenant_id = $1 AND user_id = $2 AND asset = $3 AND currency = $4`,
      [entry.tenantId, entry.userId, entry.asset, entry.currency],
    );
    return row ? Number(row.balance) : 0;
  }
}
