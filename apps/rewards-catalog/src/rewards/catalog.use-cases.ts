import { Injectable } from '@nestjs/common';
import { AppError, CatalogList, CatalogListRequest, CatalogReward, CatalogSnapshot } from '@phoenix/contracts';
import { affordability, type Affordability } from '@phoenix/domain';
import { WalletRepository } from '../wallets/wallet.repository';
import { toCatalogReward } from './reward.mapper';
import { RewardRepository } from './reward.repository';

type Funds = Parameters<typeof affordability>[1];

/** A catalog is browsed, not searched: a snapshot holds at most this many active rewards (the first, in catalog order). */
const MAX_SNAPSHOT_REWARDS = 5_000;

/** The catalog as client apps browse it: active rewards, with affordability. */
@Injectable()
export class CatalogUseCases {
  constructor(
    private readonly rewards: RewardRepository,
    private readonly wallets: WalletRepository,
  ) {}

  /**
   * Affordability comes from `balance` when the caller gives one, else from the calling
   * user's real wallet; a server caller without a user gets nulls.
   */
  async list(request: CatalogListRequest): Promise<CatalogList> {
    const { query } = request;
    const { rewards, total } = await this.rewards.list(request.tenant_id, {
      active: true,
      ...(query.purchasable !== undefined ? { purchasable: query.purchasable } : {}),
      limit: query.limit,
      offset: query.offset,
    });
    const funds = await this.funds(request);
    return {
      rewards: rewards.map((reward) => {
        const check: Affordability = affordability(reward.purchase, funds);
        return { ...toCatalogReward(reward), affordable: check.affordable, points_needed: check.points_needed };
      }),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * Every active reward of the tenant in catalog order, for the query gateway's read model:
   * it pages, filters and computes affordability itself, and refetches at least once a second.
   */
  async snapshot(tenantId: string): Promise<CatalogSnapshot> {
    const { rewards } = await this.rewards.list(tenantId, { active: true, limit: MAX_SNAPSHOT_REWARDS, offset: 0 });
    return { rewards: rewards.map(toCatalogReward) };
  }

  async get(tenantId: string, slug: string): Promise<CatalogReward> {
    const reward = await this.rewards.findBySlug(tenantId, slug);
    if (!reward || !reward.active) throw AppError.notFound('Reward');
    return toCatalogReward(reward);
  }

  private async funds(request: CatalogListRequest): Promise<Funds> {
    const { balance, currency } = request.query;
    if (balance !== undefined) return { kind: 'balance', balance, ...(currency ? { currency } : {}) };
    if (!request.user_id) return { kind: 'unknown' };
    const wallet = await this.wallets.wallet(request.tenant_id, request.user_id);
    if (currency) return { kind: 'balance', balance: wallet.balances[currency] ?? 0, currency };
    return { kind: 'wallet', balances: wallet.balances };
  }
}
