import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { RewardRow } from '../records';

/** A catalog entry. Definitions (fields, fulfillment, prices) are JSON validated by the contracts. */
@Entity({ schema: 'catalog', name: 'rewards' })
@Index('rewards_slug_per_tenant', ['tenantId', 'slug'], { unique: true })
@Index('rewards_catalog', ['tenantId', 'active', 'createdAt'])
@Check('rewards_stock_non_negative', '"stock" IS NULL OR "stock" >= 0')
export class RewardEntity implements RewardRow {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'image_url', type: 'text', nullable: true })
  imageUrl!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  fields!: Array<Record<string, unknown>>;

  @Column({ type: 'jsonb' })
  fulfillment!: Record<string, unknown>;

  @Column({ name: 'requires_claim', type: 'boolean', default: false })
  requiresClaim!: boolean;

  /** `{prices: [...]}`, or null for a grant-only reward. */
  @Column({ type: 'jsonb', nullable: true })
  purchase!: { prices: Array<{ currency: string; amount: number }> } | null;

  /** Remaining units; null means unlimited. */
  @Column({ type: 'integer', nullable: true })
  stock!: number | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  config!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
