import { IdempotencyRecordEntity } from './idempotency-record.entity';
import { LeaseEntity } from './lease.entity';
import { OrderEntity } from './order.entity';
import { OutboxEventEntity } from './outbox-event.entity';
import { RewardEntity } from './reward.entity';
import { TenantEntity } from './tenant.entity';
import { WalletBalanceEntity } from './wallet-balance.entity';
import { WalletLedgerEntryEntity } from './wallet-ledger-entry.entity';

export { IdempotencyRecordEntity, LeaseEntity, OrderEntity, OutboxEventEntity, RewardEntity, TenantEntity, WalletBalanceEntity, WalletLedgerEntryEntity };

/** Every table rewards-catalog owns, in schema `catalog`. */
export const CATALOG_ENTITIES = [
  TenantEntity,
  WalletBalanceEntity,
  WalletLedgerEntryEntity,
  IdempotencyRecordEntity,
  RewardEntity,
  OrderEntity,
  OutboxEventEntity,
  LeaseEntity,
];
