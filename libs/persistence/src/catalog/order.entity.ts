import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A purchase or a grant of one reward to one user, and where it is in its lifecycle. The
 * reward's name, slug, image and fulfillment are copied in when the order is made, so the
 * order reads the same after the reward changes.
 */
@Entity({ schema: 'catalog', name: 'orders' })
@Index('orders_by_user', ['tenantId', 'userId', 'createdAt'])
@Index('orders_by_state', ['tenantId', 'state', 'createdAt'])
@Index('orders_by_reward', ['tenantId', 'rewardId'])
@Index('orders_pending_expiry', ['expiresAt'], { where: `"state" = 'pending_claim' AND "expires_at" IS NOT NULL` })
export class OrderEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ name: 'reward_id', type: 'uuid' })
  rewardId!: string;

  @Column({ name: 'reward_slug', type: 'text' })
  rewardSlug!: string;

  @Column({ name: 'reward_name', type: 'text' })
  rewardName!: string;

  @Column({ name: 'reward_image_url', type: 'text', nullable: true })
  rewardImageUrl!: string | null;

  @Column({ name: 'variant_id', type: 'text', default: 'default' })
  variantId!: string;

  @Column({ name: 'source_type', type: 'text' })
  sourceType!: string;

  @Column({ name: 'source_ref', type: 'text', nullable: true })
  sourceRef!: string | null;

  @Column({ name: 'source_name', type: 'text', nullable: true })
  sourceName!: string | null;

  @Column({ name: 'source_context', type: 'text', nullable: true })
  sourceContext!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata!: Record<string, unknown>;

  @Column({ type: 'text' })
  state!: string;

  /** `{state, started_at?, completed_at?, data?, reason?...}` as the API shows it. */
  @Column({ type: 'jsonb' })
  status!: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  fields!: Record<string, string>;

  @Column({ name: 'fulfillment_type', type: 'text' })
  fulfillmentType!: string;

  @Column({ type: 'jsonb' })
  fulfillment!: Record<string, unknown>;

  @Column({ name: 'requires_claim', type: 'boolean' })
  requiresClaim!: boolean;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** What a purchase paid, for refunds; null for grants. */
  @Column({ name: 'price_currency', type: 'text', nullable: true })
  priceCurrency!: string | null;

  @Column({ name: 'price_amount', type: 'bigint', nullable: true })
  priceAmount!: string | null;

  /** Whether the order took one unit of stock (given back on refund or expiry). */
  @Column({ name: 'consumed_stock', type: 'boolean', default: false })
  consumedStock!: boolean;

  /** Bumped by every change; events carry it so consumers keep the latest. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
