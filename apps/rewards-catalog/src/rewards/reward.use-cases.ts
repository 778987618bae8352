import { Injectable } from '@nestjs/common';
import {
  AppError,
  CreateRewardBody,
  RewardList,
  RewardListRequest,
  RewardUpdateRequest,
  RewardView,
} from '@phoenix/contracts';
import { assertValidRewardDefinition } from '@phoenix/domain';
import type { RewardRow } from '@phoenix/persistence';
import { randomUUID } from 'node:crypto';
import { TenantRepository } from '../tenants/tenant.repository';
import { toRewardView } from './reward.mapper';
import { RewardChanges, RewardRepository, isDuplicateSlug } from './reward.repository';

/** The back-office side of the catalog: create, list, read, change, deactivate. */
@Injectable()
export class RewardUseCases {
  constructor(
    private readonly rewards: RewardRepository,
    private readonly tenants: TenantRepository,
  ) {}

  async create(tenantId: string, body: CreateRewardBody): Promise<RewardView> {
    assertValidRewardDefinition(body);
    await this.tenants.require(tenantId);
    try {
      const reward = await this.rewards.insert({
        id: randomUUID(),
        tenantId,
        slug: body.slug,
        name: body.name,
        description: body.description ?? null,
        imageUrl: body.image_url ?? null,
        active: body.active,
        fields: body.fields,
        fulfillment: body.fulfillment,
        requiresClaim: body.requires_claim,
        purchase: body.purchase ?? null,
        stock: body.stock,
        config: body.config,
      });
      return toRewardView(reward);
    } catch (error) {
      if (isDuplicateSlug(error)) throw AppError.conflict(`A reward with slug "${body.slug}" already exists`);
      throw error;
    }
  }

  async list(request: RewardListRequest): Promise<RewardList> {
    const { query } = request;
    const { rewards, total } = await this.rewards.list(request.tenant_id, {
      ...(query.active === 'all' ? {} : { active: query.active === 'true' }),
      limit: query.limit,
      offset: query.offset,
    });
    return { rewards: rewards.map(toRewardView), total, limit: query.limit, offset: query.offset };
  }

  async get(tenantId: string, rewardId: string): Promise<RewardView> {
    return toRewardView(await this.require(tenantId, rewardId));
  }

  /** Only the properties present in the body change; the result must still be a valid reward. */
  async update(request: RewardUpdateRequest): Promise<RewardView> {
    const reward = await this.require(request.tenant_id, request.reward_id);
    const body = request.body;
    const changes: RewardChanges = {
      ...(body.slug !== undefined ? { slug: body.slug } : {}),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.image_url !== undefined ? { imageUrl: body.image_url } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
      ...(body.fields !== undefined ? { fields: body.fields } : {}),
      ...(body.fulfillment !== undefined ? { fulfillment: body.fulfillment } : {}),
      ...(body.requires_claim !== undefined ? { requiresClaim: body.requires_claim } : {}),
      ...(body.purchase !== undefined ? { purchase: body.purchase } : {}),
      ...(body.stock !== undefined ? { stock: body.stock } : {}),
      ...(body.config !== undefined ? { config: body.config } : {}),
    };
    assertValidRewardDefinition(toRewardView({ ...reward, ...changes }));
    try {
      return toRewardView(await this.updated(await this.rewards.update(reward.tenantId, reward.id, changes)));
    } catch (error) {
      if (isDuplicateSlug(error)) throw AppError.conflict(`A reward with slug "${body.slug}" already exists`);
      throw error;
    }
  }

  /** Soft delete: the reward leaves the catalog; its orders keep their copy of it. */
  async deactivate(tenantId: string, rewardId: string): Promise<RewardView> {
    return toRewardView(await this.updated(await this.rewards.update(tenantId, rewardId, { active: false })));
  }

  private updated(reward: RewardRow | null): RewardRow {
    if (!reward) throw AppError.notFound('Reward');
    return reward;
  }

  private async require(tenantId: string, rewardId: string): Promise<RewardRow> {
    const reward = await this.rewards.findById(tenantId, rewardId);
    if (!reward) throw AppError.notFound('Reward');
    return reward;
  }
}
