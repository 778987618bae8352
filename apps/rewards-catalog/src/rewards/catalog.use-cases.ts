import { Injectable } from '@nestjs/common';
import { CatalogSnapshot } from '@phoenix/contracts';
import { toCatalogReward } from './reward.mapper';
import { RewardRepository } from './reward.repository';

/** A catalog is browsed, not searched: a snapshot holds at most this many active rewards (the first, in catalog order). */
const MAX_SNAPSHOT_REWARDS = 5_000;

/**
 * The catalog as client apps browse it: the query gateway's read model pages it, filters it
 * and works out affordability itself, from the snapshot served here.
 */
@Injectable()
export class CatalogUseCases {
  constructor(private readonly rewards: RewardRepository) {}

  /** Every active reward of the tenant in catalog order; the read model refetches it at least once a second. */
  async snapshot(tenantId: string): Promise<CatalogSnapshot> {
    const { rewards } = await this.rewards.list(tenantId, { active: true, limit: MAX_SNAPSHOT_REWARDS, offset: 0 });
    return { rewards: rewards.map(toCatalogReward) };
  }
}
