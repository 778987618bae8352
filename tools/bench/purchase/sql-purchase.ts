import { EVENT_CATALOG, type EventType, type OrderEventData } from '@phoenix/contracts';
import { priceIn, requestFingerprint } from '@phoenix/domain';
import type { RewardEntity } from '@phoenix/persistence';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient, QueryConfig } from 'pg';
// The service's own pure builders, so the baseline writes byte-for-byte the rows and JSON
// documents a real purchase writes (same sizes, same jsonb parsing work in Postgres).
import { newOrder } from '../../../apps/rewards-catalog/src/orders/new-order';
import { toEventData, toOrderView } from '../../../apps/rewards-catalog/src/orders/order.mapper';
import { ORDER_COLUMNS, type OrderRecord } from '../../../apps/rewards-catalog/src/orders/order.record';

/**
 * The statements rewards-catalog runs for one purchase (PurchaseUseCase inside
 * IdempotencyService.run), copied from the repositories. There is no tenant-existence check on
 * this path: the gateway authenticates from its cached tenant credentials and the catalog goes
 * straight to the idempotency record. Each statement is NAMED, so pg prepares it once per
 * connection and then only binds and executes it: the cheapest way a Node client can drive the
 * same transaction, i.e. the ceiling the service could approach.
 */
const SQL = {
  claimKey: `INSERT INTO catalog.idempotency_records (tenant_id, user_id, operation, key, fingerprint, outcome)
         VALUES ($1, $2, $3, $4, $5, '{"pending":true}') ON CONFLICT DO NOTHING RETURNING 1`,
  // What TypeORM generates for RewardRepository.findBySlug (findOneBy), captured with its query logging.
  rewardBySlug: `SELECT "RewardEntity"."id" AS "RewardEntity_id", "RewardEntity"."tenant_id" AS "RewardEntity_tenant_id", "RewardEntity"."slug" AS "RewardEntity_slug", "RewardEntity"."name" AS "RewardEntity_name", "RewardEntity"."description" AS "RewardEntity_description", "RewardEntity"."image_url" AS "RewardEntity_image_url", "RewardEntity"."active" AS "RewardEntity_active", "RewardEntity"."fields" AS "RewardEntity_fields", "RewardEntity"."fulfillment" AS "RewardEntity_fulfillment", "RewardEntity"."requires_claim" AS "RewardEntity_requires_claim", "RewardEntity"."purchase" AS "RewardEntity_purchase", "RewardEntity"."stock" AS "RewardEntity_stock", "RewardEntity"."config" AS "RewardEntity_config", "RewardEntity"."created_at" AS "RewardEntity_created_at", "RewardEntity"."updated_at" AS "RewardEntity_updated_at" FROM "catalog"."rewards" "RewardEntity" WHERE (("RewardEntity"."tenant_id" = $1) AND ("RewardEntity"."slug" = $2)) LIMIT 1`,
  debit: `UPDATE catalog.wallet_balances SET balance = balance - $5, updated_at = now()
         WHERE tenant_id = $1 AND user_id = $2 AND asset = $3 AND currency = $4 AND balance >= $5
         RETURNING balance`,
  ledger: `INSERT INTO catalog.wallet_ledger
         (tenant_id, user_id, asset, currency, amount, balance_after, reason, reference, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, amount, balance_after, created_at`,
  order: `INSERT INTO catalog.orders (id, tenant_id, user_id, reward_id, reward_slug, reward_name, reward_image_url, variant_id,
         source_type, source_ref, source_name, source_context, metadata, state, status, fields, fulfillment_type, fulfillment,
         requires_claim, expires_at, price_currency, price_amount, consumed_stock)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
       RETURNING ${ORDER_COLUMNS}`,
  // OutboxWriter builds one VALUES tuple per event; a fulfilling purchase has two.
  outboxTwo: `INSERT INTO catalog.outbox (event_id, tenant_id, aggregate_id, event_type, envelope, trace_context) VALUES ($1, $2, $3, $4, $5, NULL), ($6, $7, $8, $9, $10, NULL)`,
  takeStock: `UPDATE catalog.rewards SET stock = stock - 1 WHERE tenant_id = $1 AND id = $2 AND stock > 0 RETURNING stock`,
  recordOutcome: `UPDATE catalog.idempotency_records SET outcome = $5
         WHERE tenant_id = $1 AND user_id = $2 AND operation = $3 AND key = $4`,
} as const;

const OPERATION = 'purchase';
const EVENTS: EventType[] = ['order.created', 'order.fulfilling'];

export interface PurchaseInput {
  tenantId: string;
  userId: string;
  slug: string;
  idempotencyKey: string;
  currency: string;
}

function named(name: keyof typeof SQL, values: unknown[]): QueryConfig {
  return { name: `bench_${name}`, text: SQL[name], values };
}

/** One purchase as one transaction on its own pooled connection, as TypeORM's dataSource.transaction does. */
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
  const claimed = await client.query(named('claimKey', [...ids, requestFingerprint(OPERATION, { slug, body })]));
  if (claimed.rowCount === 0) throw new Error(`idempotency key ${idempotencyKey} already used`);
  await client.query('SAVEPOINT idempotent_work');

  const rows = await client.query<Record<string, unknown>>(named('rewardBySlug', [tenantId, slug]));
  if (!rows.rows[0]) throw new Error(`reward ${slug} not found`);
  const reward = rewardFromRow(rows.rows[0]);
  const price = priceIn(reward.purchase, currency);
  const order = newOrder(reward, { tenantId, userId, state: 'fulfilling', fields: {}, source: { type: 'purchase', ref: null }, price });
  order.source_context = order.id;

  const debited = await client.query<{ balance: string }>(named('debit', [tenantId, userId, 'currency', price.currency, price.amount]));
  if (!debited.rows[0]) throw new Error(`insufficient balance for ${userId}`);
  await client.query(
    named('ledger', [
      tenantId, userId, 'currency', price.currency, -price.amount, Number(debited.rows[0].balance), `purchase of ${slug}`, order.id, idempotencyKey,
    ]),
  );
  const saved = (await client.query<OrderRecord>(named('order', orderValues(order)))).rows[0];
  if (!saved) throw new Error('order insert returned no row');
  await client.query(named('outboxTwo', outboxValues(tenantId, saved.id, toEventData(saved))));
  // Last, as in the service: the reward row is the hot one, so its lock is held only to COMMIT.
  if (reward.stock !== null) {
    const taken = await client.query(named('takeStock', [tenantId, reward.id]));
    if (taken.rowCount !== 1) throw new Error(`reward ${slug} is out of stock`);
  }
  await client.query(named('recordOutcome', [...ids, JSON.stringify({ ok: true, value: toOrderView(saved) })]));
}

function orderValues(order: ReturnType<typeof newOrder>): unknown[] {
  return [
    order.id, order.tenant_id, order.user_id, order.reward_id, order.reward_slug, order.reward_name, order.reward_image_url,
    order.variant_id, order.source_type, order.source_ref, order.source_name, order.source_context, JSON.stringify(order.metadata),
    order.state, JSON.stringify(order.status), JSON.stringify(order.fields), order.fulfillment_type, JSON.stringify(order.fulfillment),
    order.requires_claim, order.expires_at, order.price_currency, order.price_amount, order.consumed_stock,
  ];
}

function outboxValues(tenantId: string, orderId: string, data: OrderEventData): unknown[] {
  const occurredAt = new Date().toISOString();
  return EVENTS.flatMap((type) => {
    const envelope = { event_id: randomUUID(), event_type: type, event_version: EVENT_CATALOG[type].version, tenant_id: tenantId, occurred_at: occurredAt, data };
    return [envelope.event_id, tenantId, orderId, type, JSON.stringify(envelope)];
  });
}

/** The entity TypeORM would hydrate from the aliased row, for the service's order builder. */
function rewardFromRow(row: Record<string, unknown>): RewardEntity {
  const column = <T>(name: string): T => row[`RewardEntity_${name}`] as T;
  return {
    id: column('id'),
    tenantId: column('tenant_id'),
    slug: column('slug'),
    name: column('name'),
    description: column('description'),
    imageUrl: column('image_url'),
    active: column('active'),
    fields: column('fields'),
    fulfillment: column('fulfillment'),
    requiresClaim: column('requires_claim'),
    purchase: column('purchase'),
    stock: column('stock'),
    config: column('config'),
    createdAt: column('created_at'),
    updatedAt: column('updated_at'),
  };
}
