import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { SEALED_SECRET } from '../catalog/tenant.entity';

/** Where a tenant wants order events POSTed, signed with this endpoint's own secret. */
@Entity({ schema: 'fulfillment', name: 'webhook_endpoints' })
@Index('webhook_endpoints_by_tenant', ['tenantId'])
export class WebhookEndpointEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'jsonb' })
  events!: string[];

  @Column({ type: 'text', comment: SEALED_SECRET })
  secret!: string;

  /** The secret the last rotation replaced: it signs beside the new one until its expiry. */
  @Column({ name: 'previous_secret', type: 'text', nullable: true, comment: SEALED_SECRET })
  previousSecret!: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Failed attempts in a row; past the configured limit the endpoint is disabled. */
  @Column({ name: 'failure_streak', type: 'integer', default: 0 })
  failureStreak!: number;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
