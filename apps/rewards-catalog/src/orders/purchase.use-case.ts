import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode, PurchaseRequest, PurchaseResult } from '@phoenix/contracts';
import { assertCompleteFieldValues, assertValidFieldValues, priceIn, requestFingerprint } from '@phoenix/domain';
import type { RewardField } from '@phoenix/contracts';
import { annotate } from '@phoenix/platform';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { OutboxWriter } from '../outbox/outbox.writer';
import { RewardRepository } from '../rewards/reward.repository';
import { WalletRepository } from '../wallets/wallet.repository';
import { newOrder } from './new-order';
import { toEventData, toOrderView } from './order.mapper';
import { OrderRepository } from './order.repository';
import { asInserted } from './order.record';

const OPERATION = 'purchase';

export function outOfStock(slug: string): AppError {
  return new AppError(ErrorCode.OutOfStock, `Reward "${slug}" is out of stock`);
}

/**
 * A purchase is one Postgres transaction of few statements: claim the idempotency key, read
 * the reward, debit the wallet with its ledger entry (one statement), insert the order with
 * its events (one statement), record the outcome, take the unit of stock. The reward row is
 * the hot one (every buyer of it queues there), so it is locked last and held only to the
 * commit. Any failure undoes all of it.
 */
@Injectable()
export class PurchaseUseCase {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly rewards: RewardRepository,
    private readonly wallets: WalletRepository,
    private readonly orders: OrderRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(request: PurchaseRequest): Promise<PurchaseResult> {
    const { tenant_id: tenantId, slug, body } = request;
    const result = await this.idempotency.run(
      {
        tenantId,
        userId: body.user_id,
        operation: OPERATION,
        key: body.idempotency_key,
        fingerprint: requestFingerprint(OPERATION, { slug, body }),
      },
      async (tx, last) => {
        const reward = await this.rewards.findBySlug(tenantId, slug, tx);
        if (!reward || !reward.active) throw AppError.notFound('Reward');
        const price = priceIn(reward.purchase, body.currency);
        const definitions = reward.fields as RewardField[];
        // A reward that is claimed later collects its required fields at the claim.
        if (reward.requiresClaim) assertValidFieldValues(definitions, body.fields);
        else assertCompleteFieldValues(definitions, body.fields);
        if (reward.stock !== null && reward.stock <= 0) throw outOfStock(slug);

        const order = newOrder(reward, {
          tenantId,
          userId: body.user_id,
          state: reward.requiresClaim ? 'pending_claim' : 'fulfilling',
          ...(body.variant_id ? { variantId: body.variant_id } : {}),
          fields: body.fields,
          source: { type: 'purchase', ref: null },
          price,
        });
        order.source_context = order.id; // seed 000: a purchase's context is its order id
        await this.wallets.applyEntry(tx, {
          tenantId,
          userId: body.user_id,
          asset: 'currency',
          currency: price.currency,
          type: 'debit',
          amount: price.amount,
          reason: `purchase of ${slug}`,
          reference: order.id,
          idempotencyKey: body.idempotency_key,
        });
        const events = order.state === 'fulfilling' ? (['order.created', 'order.fulfilling'] as const) : (['order.created'] as const);
        const saved = await this.orders.insert(tx, order, this.outbox.rows(tenantId, order.id, [...events], toEventData(asInserted(order))));
        annotate({ order_id: saved.id });
        if (reward.stock !== null) {
          last(async () => {
            if (!(await this.rewards.takeStock(tx, tenantId, reward.id))) throw outOfStock(slug);
          });
        }
        return toOrderView(saved);
      },
    );
    return { order: result.value, was_cached: result.wasCached };
  }
}
