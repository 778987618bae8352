import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One row per tenant, user and asset. `currency` is '' for XP. The CHECK is the last line
 * of defence for "never negative"; the debit statement itself is conditional.
 */
@Entity({ schema: 'catalog', name: 'wallet_balances' })
@Check('wallet_balances_non_negative', '"balance" >= 0')
@Check('wallet_balances_asset', `"asset" IN ('currency', 'xp')`)
export class WalletBalanceEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  asset!: 'currency' | 'xp';

  @PrimaryColumn({ type: 'text' })
  currency!: string;

  @Column({ type: 'bigint' })
  balance!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
