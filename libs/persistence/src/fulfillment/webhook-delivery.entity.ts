import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One event for one endpoint, retried with backoff until delivered or given up. */
@Entity({ schema: 'fulfillment', name: 'webhook_deliveries' })
@Index('webhook_deliveries_once', ['endpointId', 'eventId'], { unique: true })
@Index('webhook_deliveries_due', ['nextRunAt'], { where: `"state" = 'pending'` })
@Index('webhook_deliveries_by_endpoint', ['endpointId', 'createdAt'])
@Check('webhook_deliveries_state', `"state" IN ('pending', 'delivered', 'failed')`)
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  /** The body as sent (SPEC §7 payload). */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  state!: 'pending' | 'delivered' | 'failed';

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_run_at', type: 'timestamptz' })
  nextRunAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
