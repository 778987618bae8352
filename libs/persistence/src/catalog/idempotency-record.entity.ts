import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The remembered outcome of an idempotent request, success or expected failure, so a
 * replay with the same key gets the same answer. Scoped to tenant, user and operation.
 */
@Entity({ schema: 'catalog', name: 'idempotency_records' })
@Index('idempotency_records_by_age', ['createdAt'])
export class IdempotencyRecordEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  operation!: string;

  @PrimaryColumn({ name: 'key', type: 'text' })
  key!: string;

  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  /** `{ ok: true, value }` or `{ ok: false, error }` with the wire error payload. */
  @Column({ type: 'jsonb' })
  outcome!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
