import { priceIn, requestFingerprint } from '@phoenix/domain';
import type { Statement } from '@phoenix/persistence';
import type { Pool, PoolClient, QueryConfig } from 'pg';
// The service's own statements and pure builders, so the baseline runs exactly the SQL a real
// purchase runs and writes byte-for-byte the same rows and JSON documents (same sizes, same
// jsonb parsing work in Postgres).
import { CLAIM, PENDING, RECORD } from '../../../apps/rewards-catalog/src/idempotency/idempotency.service';
import { newOrder } from '../../../apps/rewards-catalog/src/orders/new-order';
import { toEventData, toOrderView } from '../../../apps/rewards-catalog/src/orders/order.mapper';
import { asInserted, type OrderRecord } from '../../../apps/rewards-catalog/src/orders/order.record';
import { insertWithEvents, orderParams } from '../../../apps/rewards-catalog/src/orders/order.repository';
import { OutboxWriter } from '../../../apps/rewards-catalog/src/outbox/outbox.writer';
import { REWARD_BY_SLUG, TAKE_STOCK } from '../../../apps/rewards-catalog/src/rewards/reward.repository';
import { DEBIT_WITH_ENTRY } from '../../../apps/rewards-catalog/src/wallets/wallet.repository';
import type { RewardRow } from '@phoenix/persistence';

/**
 * The statements rewards-catalog runs for one purchase (PurchaseUseCase inside
 * IdempotencyService.run), imported from the repositories. There is no tenant-existence check
 * on this path: the gateway authenticates from its cached tenant credentials and the catalog
 * goes straight to the idempotency record. The service keeps these statements prepared under
 * the same names in distributed mode, so the baseline is the same SQL driven from `pg` with
 * nothing in between: the ceiling the service could approach.
 */
const OPERATION = 'purchase';
const outbox = new OutboxWriter();

export interface PurchaseInput {
  tenantId: string;
  userId: string;
  slug: string;
  idempotencyKey: string;
  currency: string;
}

function named(stmt: Statement, values: unknown[]): QueryConfig {
  return { name: `bench_${stmt.name}`, text: stmt.text, values };
}

/** One purchase as one transaction on its own pooled connection, as Database.transaction does. */
export async function purchaseWithSql(pool: Pool, input: PurchaseInput): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await runPurchase(client, input);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw error;
  }
}

async function runPurchase(client: PoolClient, input: PurchaseInput): Promise<void> {
  const { tenantId, userId, slug, idempotencyKey, currency } = input;
  const ids = [tenantId, userId, OPERATION, idempotencyKey];
  // The body as the gateway forwards it after validation (fields defaults to {}).
  const body = { user_id: userId, idempotency_key: idempotencyKey, currency, fields: {} };
  const claimed = await client.query(named(CLAIM, [...ids, requestFingerprint(OPERATION, { slug, body }), PENDING]));
  if (claimed.rowCount === 0) throw new Error(`idempotency key ${idempotencyKey} already used`);

  const rows = await client.query<RewardRow>(named(REWARD_BY_SLUG, [tenantId, slug]));
  if (!rows.rows[0]) throw new Error(`reward ${slug} not found`);
  const reward = rows.rows[0];
  const price = priceIn(reward.purchase, currency);
  const order = newOrder(reward, { tenantId, userId, state: 'fulfilling', fields: {}, source: { type: 'purchase', ref: null }, price });
  order.source_context = order.id;

  const debited = await client.query(
    named(DEBIT_WITH_ENTRY, [tenantId, userId, 'currency', price.currency, price.amount, -price.amount, `purchase of ${slug}`, order.id, idempotencyKey]),
  );
  if (debited.rowCount !== 1) throw new Error(`insufficient balance for ${userId}`);
  const events = outbox.rows(tenantId, order.id, ['order.created', 'order.fulfilling'], toEventData(asInserted(order)));
  const saved = (await client.query<OrderRecord>(named(insertWithEvents(events), [...orderParams(order), ...events.params]))).rows[0];
  if (!saved) throw new Error('order insert returned no row');
  await client.query(named(RECORD, [...ids, JSON.stringify({ ok: true, value: toOrderView(saved) })]));
  // Last, as in the service: the reward row is the hot one, so its lock is held only to COMMIT.
  if (reward.stock !== null) {
    const taken = await client.query(named(TAKE_STOCK, [tenantId, reward.id]));
    if (taken.rowCount !== 1) throw new Error(`reward ${slug} is out of stock`);
  }
}
