import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CatalogSnapshotRequestSchema,
  Patterns,
  Reply,
  RewardCreateRequestSchema,
  RewardListRequestSchema,
  RewardRefRequestSchema,
  RewardUpdateRequestSchema,
  parseOrThrow,
} from '@phoenix/contracts';
import { CatalogUseCases } from './catalog.use-cases';
import { RewardUseCases } from './reward.use-cases';

@Controller()
export class RewardHandlers {
  constructor(
    private readonly rewards: RewardUseCases,
    private readonly catalog: CatalogUseCases,
  ) {}

  @MessagePattern(Patterns.rewardsCreate)
  create(@Payload() payload: unknown): Reply<typeof Patterns.rewardsCreate> {
    const request = parseOrThrow(RewardCreateRequestSchema, payload);
    return this.rewards.create(request.tenant_id, request.body);
  }

  @MessagePattern(Patterns.rewardsList)
  list(@Payload() payload: unknown): Reply<typeof Patterns.rewardsList> {
    return this.rewards.list(parseOrThrow(RewardListRequestSchema, payload));
  }

  @MessagePattern(Patterns.rewardsGet)
  get(@Payload() payload: unknown): Reply<typeof Patterns.rewardsGet> {
    const request = parseOrThrow(RewardRefRequestSchema, payload);
    return this.rewards.get(request.tenant_id, request.reward_id);
  }

  @MessagePattern(Patterns.rewardsUpdate)
  update(@Payload() payload: unknown): Reply<typeof Patterns.rewardsUpdate> {
    return this.rewards.update(parseOrThrow(RewardUpdateRequestSchema, payload));
  }

  @MessagePattern(Patterns.rewardsDeactivate)
  deactivate(@Payload() payload: unknown): Reply<typeof Patterns.rewardsDeactivate> {
    const request = parseOrThrow(RewardRefRequestSchema, payload);
    return this.rewards.deactivate(request.tenant_id, request.reward_id);
  }

  @MessagePattern(Patterns.catalogSnapshot)
  catalogSnapshot(@Payload() payload: unknown): Reply<typeof Patterns.catalogSnapshot> {
    return this.catalog.snapshot(parseOrThrow(CatalogSnapshotRequestSchema, payload).tenant_id);
  }
}
