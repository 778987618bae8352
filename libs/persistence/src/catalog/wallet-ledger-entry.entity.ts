import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a balance always equals the sum of its entries' amounts. */
@Entity({ schema: 'catalog', name: 'wallet_ledger' })
@Index('wallet_ledger_by_user', ['tenantId', 'userId', 'id'])
@Check('wallet_ledger_amount_non_zero', '"amount" <> 0')
@Check('wallet_ledger_balance_non_negative', '"balance_after" >= 0')
export class WalletLedgerEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ type: 'text' })
  asset!: 'currency' | 'xp' | 'badge';

  /** Currency code, '' for XP, badge id for a badge. */
  @Column({ type: 'text' })
  currency!: string;

  /** Signed: credits positive, debits negative. */
  @Column({ type: 'bigint' })
  amount!: string;

  @Column({ name: 'balance_after', type: 'bigint' })
  balanceAfter!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
