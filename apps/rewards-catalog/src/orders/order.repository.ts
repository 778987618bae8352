import { Injectable } from '@nestjs/common';
import type { FulfillmentType, OrderState } from '@phoenix/contracts';
import { Database, type Executor, preparedOne, queryOne, queryRows, type Statement, statement, Transaction } from '@phoenix/persistence';
import { noteOutboxWrite } from '../outbox/outbox-commits';
import type { OutboxRows } from '../outbox/outbox.writer';
import { NewOrder, ORDER_COLUMNS, OrderRecord } from './order.record';

export interface OrderFilter {
  userId?: string;
  state?: OrderState;
  rewardId?: string;
  fulfillmentType?: FulfillmentType;
  limit: number;
  offset: number;
}

export interface OrderChange {
  state: OrderState;
  status: OrderRecord['status'];
  fields?: Record<string, string>;
}

const ORDER_PARAMS = 24;
/** One statement per number of events (1 or 2 in practice), each prepared once per connection. */
const INSERT_WITH_EVENTS = new Map<number, Statement>();

/** The parameters $1–$24 of insertWithEvents. */
export function orderParams(order: NewOrder): unknown[] {
  return [
    order.id, order.tenant_id, order.user_id, order.reward_id, order.reward_slug, order.reward_name, order.reward_image_url,
    order.variant_id, order.source_type, order.source_ref, order.source_name, order.source_context, JSON.stringify(order.metadata),
    order.state, JSON.stringify(order.status), JSON.stringify(order.fields), order.fulfillment_type, JSON.stringify(order.fulfillment),
    order.requires_claim, order.expires_at, order.price_currency, order.price_amount, order.consumed_stock, order.created_at,
  ];
}

export function insertWithEvents(events: OutboxRows): Statement {
  if (events.count === 0) throw new Error('an order is always inserted with its events');
  let stmt = INSERT_WITH_EVENTS.get(events.count);
  if (!stmt) {
    stmt = statement(
      `order_insert_with_${events.count}_events`,
      `WITH saved AS (
         INSERT INTO catalog.orders (id, tenant_id, user_id, reward_id, reward_slug, reward_name, reward_image_url, variant_id,
           source_type, source_ref, source_name, source_context, metadata, state, status, fields, fulfillment_type, fulfillment,
           requires_claim, expires_at, price_currency, price_amount, consumed_stock, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24)
         RETURNING ${ORDER_COLUMNS}),
       events AS (${events.insert(ORDER_PARAMS + 1)})
       SELECT * FROM saved`,
    );
    INSERT_WITH_EVENTS.set(events.count, stmt);
  }
  return stmt;
}

@Injectable()
export class OrderRepository {
  constructor(private readonly database: Database) {}

  /**
   * Inserts a new order and its events in one statement (a purchase's and a grant's hot
   * path): the outbox rows go in with the order or not at all.
   */
  async insert(tx: Transaction, order: NewOrder, events: OutboxRows): Promise<OrderRecord> {
    const saved = await preparedOne<OrderRecord>(tx, insertWithEvents(events), [...orderParams(order), ...events.params]);
    noteOutboxWrite(tx); // its commit wakes the relay
    return saved;
  }

  /** Reads an order and locks it until the transaction ends: state changes serialise on it. */
  async lock(tx: Transaction, tenantId: string, orderId: string): Promise<OrderRecord | null> {
    const [row] = await queryRows<OrderRecord>(
      tx,
      `SELECT ${ORDER_COLUMNS} FROM catalog.orders WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, orderId],
    );
    return row ?? null;
  }

  async find(tenantId: string, orderId: string, executor: Executor = this.database): Promise<OrderRecord | null> {
    const [row] = await queryRows<OrderRecord>(executor, `SELECT ${ORDER_COLUMNS} FROM catalog.orders WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      orderId,
    ]);
    return row ?? null;
  }

  async change(tx: Transaction, tenantId: string, orderId: string, change: OrderChange): Promise<OrderRecord> {
    const [row] = await queryRows<OrderRecord>(
      tx,
      `UPDATE catalog.orders SET state = $3, status = $4, fields = COALESCE($5, fields), version = version + 1, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING ${ORDER_COLUMNS}`,
      [tenantId, orderId, change.state, JSON.stringify(change.status), change.fields ? JSON.stringify(change.fields) : null],
    );
    if (!row) throw new Error(`order ${orderId} vanished while locked`);
    return row;
  }

  /** Newest first, with the total number of matches. */
  async list(tenantId: string, filter: OrderFilter): Promise<{ orders: OrderRecord[]; total: number }> {
    const conditions = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (column: string, value: unknown) => {
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    };
    if (filter.userId !== undefined) add('user_id', filter.userId);
    if (filter.state !== undefined) add('state', filter.state);
    if (filter.rewardId !== undefined) add('reward_id', filter.rewardId);
    if (filter.fulfillmentType !== undefined) add('fulfillment_type', filter.fulfillmentType);
    params.push(filter.limit, filter.offset);
    const rows = await queryRows<OrderRecord & { total: string }>(
      this.database,
      `SELECT ${ORDER_COLUMNS}, count(*) OVER () AS total FROM catalog.orders
       WHERE ${conditions.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const total = rows[0] ? Number(rows[0].total) : await this.count(conditions, params.slice(0, -2));
    return { orders: rows, total };
  }

  /** For each field name, the value from the user's most recent order that has it. */
  async recentFields(tenantId: string, userId: string): Promise<Record<string, string>> {
    const rows = await queryRows<{ key: string; value: string }>(
      this.database,
      `SELECT DISTINCT ON (f.key) f.key, f.value
       FROM catalog.orders o, jsonb_each_text(o.fields) f
       WHERE o.tenant_id = $1 AND o.user_id = $2
       ORDER BY f.key, o.created_at DESC, o.id DESC`,
      [tenantId, userId],
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  private async count(conditions: string[], params: unknown[]): Promise<number> {
    const row = await queryOne<{ total: string }>(
      this.database,
      `SELECT count(*) AS total FROM catalog.orders WHERE ${conditions.join(' AND ')}`,
      params,
    );
    return Number(row.total);
  }
}
