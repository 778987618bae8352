import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One row per tenant, user and asset. `currency` is the currency code, '' for XP, the badge
 * id for a badge (balance 1 while held). The CHECKs are the last line of defence: the
 * statements that change a balance are conditional themselves.
 */
@Entity({ schema: 'catalog', name: 'wallet_balances' })
@Check('wallet_balances_non_negative', '"balance" >= 0')
@Check('wallet_balances_asset', `"asset" IN ('currency', 'xp', 'badge')`)
@Check('wallet_balances_badge_once', `"asset" <> 'badge' OR "balance" <= 1`)
export class WalletBalanceEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  asset!: 'currency' | 'xp' | 'badge';

  @PrimaryColumn({ type: 'text' })
  currency!: string;

  @Column({ type: 'bigint' })
  balance!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
