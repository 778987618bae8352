import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Domain events written in the same transaction as the change they describe, then relayed
 * to the bus. `id` gives the relay its order; `published_at` is set once the bus has them.
 */
@Entity({ schema: 'catalog', name: 'outbox' })
@Index('outbox_unpublished', ['id'], { where: '"published_at" IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  eventId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** The partitioning key on the bus (the order id). */
  @Column({ name: 'aggregate_id', type: 'text' })
  aggregateId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  /** The full envelope as published. */
  @Column({ type: 'jsonb' })
  envelope!: Record<string, unknown>;

  /** The W3C trace context (and request id) of the request that wrote it, sent as Kafka headers. */
  @Column({ name: 'trace_context', type: 'jsonb', nullable: true })
  traceContext!: Record<string, string> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
