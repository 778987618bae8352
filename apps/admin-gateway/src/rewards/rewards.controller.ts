import { Body, Controller, Delete, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { Auth } from '@phoenix/auth';
import {
  CreateRewardBodySchema,
  Patterns,
  RewardListQuerySchema,
  RewardListSchema,
  RewardViewSchema,
  TenantIdSchema,
  UpdateRewardBodySchema,
  type CreateRewardBody,
  type RewardList,
  type RewardListQuery,
  type RewardView,
  type UpdateRewardBody,
} from '@phoenix/contracts';
import { ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';
import { z } from 'zod';

const RewardIdSchema = z.uuid().describe('The reward id');

@ApiTags('rewards catalog')
@Auth('tenant-api-key', 'admin-jwt')
@Controller('v1/tenants/:tenant_id/rewards-catalog')
export class RewardsController {
  constructor(@Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient) {}

  @Post()
  @ApiContract({ operationId: 'createReward', summary: 'Create a reward (slug unique per tenant)', body: CreateRewardBodySchema, response: RewardViewSchema, status: 201, errors: [404, 409] })
  create(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string, @Body(zod(CreateRewardBodySchema)) body: CreateRewardBody): Promise<RewardView> {
    return this.catalog.send(Patterns.rewardsCreate, { tenant_id: tenantId, body });
  }

  @Get()
  @ApiContract({ operationId: 'listRewards', summary: 'List rewards (active by default; `active=all` for every reward)', query: RewardListQuerySchema, response: RewardListSchema })
  list(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string, @Query(zod(RewardListQuerySchema)) query: RewardListQuery): Promise<RewardList> {
    return this.catalog.send(Patterns.rewardsList, { tenant_id: tenantId, query });
  }

  @Get(':reward_id')
  @ApiContract({ operationId: 'getReward', summary: 'Get a reward', response: RewardViewSchema, errors: [404] })
  get(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string, @Param('reward_id', zod(RewardIdSchema)) rewardId: string): Promise<RewardView> {
    return this.catalog.send(Patterns.rewardsGet, { tenant_id: tenantId, reward_id: rewardId });
  }

  @Put(':reward_id')
  @ApiContract({ operationId: 'updateReward', summary: 'Update a reward: only the given properties change', body: UpdateRewardBodySchema, response: RewardViewSchema, errors: [404, 409] })
  update(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Param('reward_id', zod(RewardIdSchema)) rewardId: string,
    @Body(zod(UpdateRewardBodySchema)) body: UpdateRewardBody,
  ): Promise<RewardView> {
    return this.catalog.send(Patterns.rewardsUpdate, { tenant_id: tenantId, reward_id: rewardId, body });
  }

  @Delete(':reward_id')
  @ApiContract({ operationId: 'deactivateReward', summary: 'Deactivate a reward (soft delete; its orders are kept)', response: RewardViewSchema, errors: [404] })
  deactivate(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string, @Param('reward_id', zod(RewardIdSchema)) rewardId: string): Promise<RewardView> {
    return this.catalog.send(Patterns.rewardsDeactivate, { tenant_id: tenantId, reward_id: rewardId });
  }
}
