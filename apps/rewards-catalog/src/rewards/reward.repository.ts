import { Injectable } from '@nestjs/common';
import { RewardEntity, preparedRows, queryRows, statement } from '@phoenix/persistence';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export interface RewardFilter {
  active?: boolean;
  /** true: only rewards with prices; false: only grant-only rewards. */
  purchasable?: boolean;
  limit: number;
  offset: number;
}

/** A reward row under its entity's property names, read without TypeORM's query builder. */
const REWARD_COLUMNS = `id, tenant_id AS "tenantId", slug, name, description, image_url AS "imageUrl", active, fields,
  fulfillment, requires_claim AS "requiresClaim", purchase, stock, config, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** A purchase's first read, on its hot path. */
export const REWARD_BY_SLUG = statement('reward_by_slug', `SELECT ${REWARD_COLUMNS} FROM catalog.rewards WHERE tenant_id = $1 AND slug = $2`);

/** The last statement of a purchase or grant of a limited reward: see takeStock. */
export const TAKE_STOCK = statement('reward_take_stock', `UPDATE catalog.rewards SET stock = stock - 1 WHERE tenant_id = $1 AND id = $2 AND stock > 0 RETURNING stock`);

/** Unique violation on (tenant_id, slug). */
export function isDuplicateSlug(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'rewards_slug_per_tenant';
}

@Injectable()
export class RewardRepository {
  private readonly rewards: Repository<RewardEntity>;

  constructor(dataSource: DataSource) {
    this.rewards = dataSource.getRepository(RewardEntity);
  }

  async insert(reward: Omit<RewardEntity, 'createdAt' | 'updatedAt'>): Promise<RewardEntity> {
    // JSON columns defeat TypeORM's deep-partial typing; the entity shape is checked above.
    await this.rewards.insert(reward as QueryDeepPartialEntity<RewardEntity>);
    return this.rewards.findOneByOrFail({ tenantId: reward.tenantId, id: reward.id });
  }

  async save(reward: RewardEntity): Promise<RewardEntity> {
    return this.rewards.save(reward);
  }

  findById(tenantId: string, rewardId: string, manager?: EntityManager): Promise<RewardEntity | null> {
    return (manager?.getRepository(RewardEntity) ?? this.rewards).findOneBy({ tenantId, id: rewardId });
  }

  /** In a transaction, a prepared statement (a purchase's first read); else a plain query. */
  async findBySlug(tenantId: string, slug: string, manager?: EntityManager): Promise<RewardEntity | null> {
    const [row] = manager
      ? await preparedRows<RewardEntity>(manager, REWARD_BY_SLUG, [tenantId, slug])
      : await queryRows<RewardEntity>(this.rewards.manager, REWARD_BY_SLUG.text, [tenantId, slug]);
    return row ? Object.assign(new RewardEntity(), row) : null;
  }

  /**
   * Takes one unit of a limited reward: one conditional UPDATE, so concurrent takers queue on
   * the row and stock never goes below zero. False when none is left.
   */
  async takeStock(manager: EntityManager, tenantId: string, rewardId: string): Promise<boolean> {
    const rows = await preparedRows(manager, TAKE_STOCK, [tenantId, rewardId]);
    return rows.length === 1;
  }

  /** Gives a unit back (refund, expiry). A reward made unlimited since stays unlimited. */
  async returnStock(manager: EntityManager, tenantId: string, rewardId: string): Promise<void> {
    await queryRows(manager, `UPDATE catalog.rewards SET stock = stock + 1 WHERE tenant_id = $1 AND id = $2 AND stock IS NOT NULL RETURNING 1`, [
      tenantId,
      rewardId,
    ]);
  }

  async list(tenantId: string, filter: RewardFilter): Promise<{ rewards: RewardEntity[]; total: number }> {
    const query = this.rewards.createQueryBuilder('r').where('r.tenant_id = :tenantId', { tenantId });
    if (filter.active !== undefined) query.andWhere('r.active = :active', { active: filter.active });
    if (filter.purchasable === true) query.andWhere('r.purchase IS NOT NULL');
    if (filter.purchasable === false) query.andWhere('r.purchase IS NULL');
    const [rewards, total] = await query
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { rewards, total };
  }
}
