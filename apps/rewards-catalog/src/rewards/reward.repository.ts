import { Injectable } from '@nestjs/common';
import { Database, type RewardRow, preparedRows, queryOne, queryRows, statement, type Transaction, violates } from '@phoenix/persistence';

export interface RewardFilter {
  active?: boolean;
  /** true: only rewards with prices; false: only grant-only rewards. */
  purchasable?: boolean;
  limit: number;
  offset: number;
}

/** A reward row under its RewardRow names. */
const REWARD_COLUMNS = `id, tenant_id AS "tenantId", slug, name, description, image_url AS "imageUrl", active, fields,
  fulfillment, requires_claim AS "requiresClaim", purchase, stock, config, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** A purchase's first read, on its hot path. */
export const REWARD_BY_SLUG = statement('reward_by_slug', `SELECT ${REWARD_COLUMNS} FROM catalog.rewards WHERE tenant_id = $1 AND slug = $2`);

/** The last statement of a purchase or grant of a limited reward: see takeStock. */
export const TAKE_STOCK = statement('reward_take_stock', `UPDATE catalog.rewards SET stock = stock - 1 WHERE tenant_id = $1 AND id = $2 AND stock > 0 RETURNING stock`);

/** Unique violation on (tenant_id, slug). */
export function isDuplicateSlug(error: unknown): boolean {
  return violates(error, 'rewards_slug_per_tenant');
}

/** The columns a reward's update may set, under their RewardRow names; JSON ones are sent as text. */
const UPDATABLE: Record<string, { column: string; json?: true }> = {
  slug: { column: 'slug' },
  name: { column: 'name' },
  description: { column: 'description' },
  imageUrl: { column: 'image_url' },
  active: { column: 'active' },
  fields: { column: 'fields', json: true },
  fulfillment: { column: 'fulfillment', json: true },
  requiresClaim: { column: 'requires_claim' },
  purchase: { column: 'purchase', json: true },
  stock: { column: 'stock' },
  config: { column: 'config', json: true },
};

export type RewardChanges = Partial<Omit<RewardRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>>;

@Injectable()
export class RewardRepository {
  constructor(private readonly database: Database) {}

  async insert(reward: Omit<RewardRow, 'createdAt' | 'updatedAt'>): Promise<RewardRow> {
    return queryOne<RewardRow>(
      this.database,
      `INSERT INTO catalog.rewards (id, tenant_id, slug, name, description, image_url, active, fields, fulfillment, requires_claim, purchase, stock, config)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${REWARD_COLUMNS}`,
      [
        reward.id, reward.tenantId, reward.slug, reward.name, reward.description, reward.imageUrl, reward.active, JSON.stringify(reward.fields),
        JSON.stringify(reward.fulfillment), reward.requiresClaim, reward.purchase === null ? null : JSON.stringify(reward.purchase), reward.stock,
        JSON.stringify(reward.config),
      ],
    );
  }

  /**
   * Sets only the columns in `changes` (a concurrent purchase's stock decrement is kept unless
   * the update sets the stock itself). Null when the reward does not exist.
   */
  async update(tenantId: string, rewardId: string, changes: RewardChanges): Promise<RewardRow | null> {
    const sets = ['updated_at = now()'];
    const params: unknown[] = [tenantId, rewardId];
    for (const [property, value] of Object.entries(changes)) {
      const target = UPDATABLE[property];
      if (!target || value === undefined) continue;
      params.push(target.json && value !== null ? JSON.stringify(value) : value);
      sets.push(`${target.column} = $${params.length}`);
    }
    const [row] = await queryRows<RewardRow>(
      this.database,
      `UPDATE catalog.rewards SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING ${REWARD_COLUMNS}`,
      params,
    );
    return row ?? null;
  }

  async findById(tenantId: string, rewardId: string, tx?: Transaction): Promise<RewardRow | null> {
    const [row] = await queryRows<RewardRow>(tx ?? this.database, `SELECT ${REWARD_COLUMNS} FROM catalog.rewards WHERE tenant_id = $1 AND id = $2`, [tenantId, rewardId]);
    return row ?? null;
  }

  /** A purchase's first read, prepared where the database allows it. */
  async findBySlug(tenantId: string, slug: string, tx?: Transaction): Promise<RewardRow | null> {
    const [row] = await preparedRows<RewardRow>(tx ?? this.database, REWARD_BY_SLUG, [tenantId, slug]);
    return row ?? null;
  }

  /**
   * Takes one unit of a limited reward: one conditional UPDATE, so concurrent takers queue on
   * the row and stock never goes below zero. False when none is left.
   */
  async takeStock(tx: Transaction, tenantId: string, rewardId: string): Promise<boolean> {
    const rows = await preparedRows(tx, TAKE_STOCK, [tenantId, rewardId]);
    return rows.length === 1;
  }

  /** Gives a unit back (refund, expiry). A reward made unlimited since stays unlimited. */
  async returnStock(tx: Transaction, tenantId: string, rewardId: string): Promise<void> {
    await queryRows(tx, `UPDATE catalog.rewards SET stock = stock + 1 WHERE tenant_id = $1 AND id = $2 AND stock IS NOT NULL RETURNING 1`, [
      tenantId,
      rewardId,
    ]);
  }

  async list(tenantId: string, filter: RewardFilter): Promise<{ rewards: RewardRow[]; total: number }> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    if (filter.active !== undefined) {
      params.push(filter.active);
      where.push(`active = $${params.length}`);
    }
    if (filter.purchasable === true) where.push('purchase IS NOT NULL');
    if (filter.purchasable === false) where.push('purchase IS NULL');
    const condition = where.join(' AND ');
    const [rewards, total] = await Promise.all([
      queryRows<RewardRow>(
        this.database,
        `SELECT ${REWARD_COLUMNS} FROM catalog.rewards WHERE ${condition} ORDER BY created_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, filter.limit, filter.offset],
      ),
      queryOne<{ total: number }>(this.database, `SELECT count(*)::int AS total FROM catalog.rewards WHERE ${condition}`, params),
    ]);
    return { rewards, total: total.total };
  }
}
