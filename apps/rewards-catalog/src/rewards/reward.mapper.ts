import type { CatalogReward, Fulfillment, RewardField, RewardView } from '@phoenix/contracts';
import type { RewardRow } from '@phoenix/persistence';

export function toRewardView(reward: RewardRow): RewardView {
  return {
    id: reward.id,
    tenant_id: reward.tenantId,
    slug: reward.slug,
    name: reward.name,
    description: reward.description,
    image_url: reward.imageUrl,
    active: reward.active,
    fields: reward.fields as RewardField[],
    fulfillment: reward.fulfillment as Fulfillment,
    requires_claim: reward.requiresClaim,
    purchase: reward.purchase,
    stock: reward.stock,
    config: reward.config,
    created_at: reward.createdAt.toISOString(),
    updated_at: reward.updatedAt.toISOString(),
  };
}

/** What users see of a reward: no config, no delivery internals. */
export function toCatalogReward(reward: RewardRow): CatalogReward {
  return {
    id: reward.id,
    slug: reward.slug,
    name: reward.name,
    description: reward.description,
    image_url: reward.imageUrl,
    fields: reward.fields as RewardField[],
    purchase: reward.purchase,
    stock: reward.stock,
    requires_claim: reward.requiresClaim,
    fulfillment_type: (reward.fulfillment as Fulfillment).type,
  };
}
