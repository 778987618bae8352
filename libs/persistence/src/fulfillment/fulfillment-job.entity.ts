import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One delivery of one order: made when the order enters `fulfilling` (`round` is the order's
 * version then, so a retried order gets a fresh job), run by a worker that holds a lease on it
 * while it works, retried with the reward's backoff until `max_attempts`. `dropped`: the order
 * left `fulfilling` (a refund) before the job ran, so the tenant was not called.
 */
@Entity({ schema: 'fulfillment', name: 'jobs' })
@Index('jobs_one_per_round', ['orderId', 'round'], { unique: true })
@Index('jobs_due', ['nextRunAt'], { where: `"state" = 'pending'` })
@Check('jobs_state', `"state" IN ('pending', 'done', 'failed', 'dropped')`)
@Check('jobs_kind', `"kind" IN ('wallet', 'api')`)
export class FulfillmentJobEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'integer' })
  round!: number;

  @Column({ type: 'text' })
  kind!: 'wallet' | 'api';

  @Column({ type: 'text', default: 'pending' })
  state!: 'pending' | 'done' | 'failed' | 'dropped';

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts!: number;

  @Column({ name: 'backoff_seconds', type: 'jsonb' })
  backoffSeconds!: number[];

  /** The order as the event carried it: what the tenant's API receives. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'next_run_at', type: 'timestamptz' })
  nextRunAt!: Date;

  /**
   * Set by each claim and cleared when the attempt ends: a worker writes the job only while
   * the token is still its own, so one whose lease ran out cannot overwrite the next holder.
   */
  @Column({ name: 'lease_token', type: 'uuid', nullable: true })
  leaseToken!: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
