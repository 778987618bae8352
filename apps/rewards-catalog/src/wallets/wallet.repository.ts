import { Injectable } from '@nestjs/common';
import type { WalletTransactionView, WalletView } from '@phoenix/contracts';
import { assertSafeBalance, insufficientBalance } from '@phoenix/domain';
import { queryRows } from '@phoenix/persistence';
import { DataSource, EntityManager } from 'typeorm';

export type Asset = 'currency' | 'xp';

export interface LedgerEntryInput {
  tenantId: string;
  userId: string;
  asset: Asset;
  /** '' for XP. */
  currency: string;
  type: 'credit' | 'debit';
  amount: number;
  reason: string;
  reference: string | null;
  idempotencyKey: string | null;
}

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
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Credits add to the balance (creating it at 0 first); debits are one conditional UPDATE
   * that only matches while the balance covers the amount, so concurrent debits serialise on
   * the row and none can take the balance below zero.
   */
  async applyEntry(manager: EntityManager, entry: LedgerEntryInput): Promise<WalletTransactionView> {
    const key = [entry.tenantId, entry.userId, entry.asset, entry.currency];
    let balance: number;
    if (entry.type === 'credit') {
      const [row] = await queryRows<{ balance: string }>(
        manager,
        `INSERT INTO catalog.wallet_balances (tenant_id, user_id, asset, currency, balance) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, user_id, asset, currency)
         DO UPDATE SET balance = wallet_balances.balance + EXCLUDED.balance, updated_at = now()
         RETURNING balance`,
        [...key, entry.amount],
      );
      balance = assertSafeBalance(Number(row!.balance));
    } else {
      const rows = await queryRows<{ balance: string }>(
        manager,
        `UPDATE catalog.wallet_balances SET balance = balance - $5, updated_at = now()
         WHERE tenant_id = $1 AND user_id = $2 AND asset = $3 AND currency = $4 AND balance >= $5
         RETURNING balance`,
        [...key, entry.amount],
      );
      if (rows.length === 0) throw insufficientBalance(await this.balance(manager, entry), entry.amount);
      balance = Number(rows[0]!.balance);
    }
    const [ledger] = await queryRows<LedgerRow>(
      manager,
      `INSERT INTO catalog.wallet_ledger
         (tenant_id, user_id, asset, currency, amount, balance_after, reason, reference, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, amount, balance_after, created_at`,
      [...key, entry.type === 'credit' ? entry.amount : -entry.amount, balance, entry.reason, entry.reference, entry.idempotencyKey],
    );
    return {
      id: ledger!.id,
      type: entry.type,
      asset: entry.asset,
      currency: entry.asset === 'xp' ? null : entry.currency,
      amount: entry.amount,
      balance_after: balance,
      reason: entry.reason,
      reference: entry.reference,
      created_at: ledger!.created_at.toISOString(),
    };
  }

  async wallet(tenantId: string, userId: string): Promise<WalletView> {
    const [balances, badges] = await Promise.all([
      queryRows<{ asset: Asset; currency: string; balance: string }>(
        this.dataSource,
        `SELECT asset, currency, balance FROM catalog.wallet_balances WHERE tenant_id = $1 AND user_id = $2 ORDER BY currency`,
        [tenantId, userId],
      ),
      queryRows<{ badge_id: string; granted_at: Date }>(
        this.dataSource,
        `SELECT badge_id, granted_at FROM catalog.wallet_badges WHERE tenant_id = $1 AND user_id = $2 ORDER BY granted_at, badge_id`,
        [tenantId, userId],
      ),
    ]);
    const view: WalletView = { tenant_id: tenantId, user_id: userId, balances: {}, xp: 0, badges: [] };
    for (const row of balances) {
      if (row.asset === 'xp') view.xp = Number(row.balance);
      else view.balances[row.currency] = Number(row.balance);
    }
    view.badges = badges.map((b) => ({ badge_id: b.badge_id, granted_at: b.granted_at.toISOString() }));
    return view;
  }

  private async balance(manager: EntityManager, entry: LedgerEntryInput): Promise<number> {
    const [row] = await queryRows<{ balance: string }>(
      manager,
      `SELECT balance FROM catalog.wallet_balances WHERE tenant_id = $1 AND user_id = $2 AND asset = $3 AND currency = $4`,
      [entry.tenantId, entry.userId, entry.asset, entry.currency],
    );
    return row ? Number(row.balance) : 0;
  }
}
