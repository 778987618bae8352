import type { ClickHouseClient } from '@clickhouse/client';
import type { GrantList, GrantStats, GrantSummary, GrantView } from '@phoenix/contracts';
import { STORED_GRANT_COLUMNS, StoredGrant, toClickHouseTime, toGrantView } from './grant-rows';

export interface GrantFilter {
  tenantId: string;
  userId?: string;
  sourceType?: string;
  sourceId?: string;
  itemId?: string;
  state?: string;
  orderId?: string;
  from?: string;
  to?: string;
}

/**
 * WHERE clause and typed parameters for a filter; every query is scoped to one tenant. The
 * time range applies to `timeColumn` (the grant time, or an event's time in the history).
 */
function where(filter: GrantFilter, timeColumn = 'grant_time'): { clause: string; params: Record<string, unknown> } {
  const conditions = ['tenant_id = {tenant_id:String}'];
  const params: Record<string, unknown> = { tenant_id: filter.tenantId };
  const add = (condition: string, name: string, value: unknown) => {
    conditions.push(condition);
    params[name] = value;
  };
  if (filter.userId !== undefined) add('user_id = {user_id:String}', 'user_id', filter.userId);
  if (filter.sourceType !== undefined) add('source_type = {source_type:String}', 'source_type', filter.sourceType);
  if (filter.sourceId !== undefined) add('source_id = {source_id:String}', 'source_id', filter.sourceId);
  if (filter.itemId !== undefined) add('item_id = {item_id:String}', 'item_id', filter.itemId);
  if (filter.state !== undefined) add('state = {state:String}', 'state', filter.state);
  if (filter.orderId !== undefined) add('order_id = {order_id:String}', 'order_id', filter.orderId);
  if (filter.from !== undefined) add(`${timeColumn} >= toDateTime64({from:String}, 3, 'UTC')`, 'from', toClickHouseTime(filter.from));
  if (filter.to !== undefined) add(`${timeColumn} < toDateTime64({to:String}, 3, 'UTC')`, 'to', toClickHouseTime(filter.to));
  return { clause: conditions.join(' AND '), params };
}

/**
 * Reads of the grants read model (FINAL makes the latest version of each order win) and, for
 * stats, of the order-event history.
 */
export class GrantQueries {
  constructor(private readonly client: ClickHouseClient) {}

  async list(filter: GrantFilter, limit: number, offset: number): Promise<GrantList> {
    const { clause, params } = where(filter);
    const [rows, [count]] = await Promise.all([
      this.rows<StoredGrant>(
        `SELECT ${STORED_GRANT_COLUMNS} FROM grants FINAL WHERE ${clause}
         ORDER BY grant_time DESC, order_id DESC LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
        { ...params, limit, offset },
      ),
      this.rows<{ total: string }>(`SELECT count() AS total FROM grants FINAL WHERE ${clause}`, params),
    ]);
    return { grants: rows.map(toGrantView), total: Number(count?.total ?? 0), limit, offset };
  }

  async one(filter: GrantFilter): Promise<GrantView | null> {
    const { clause, params } = where(filter);
    const [row] = await this.rows<StoredGrant>(`SELECT ${STORED_GRANT_COLUMNS} FROM grants FINAL WHERE ${clause} LIMIT 1`, params);
    return row ? toGrantView(row) : null;
  }

  async summary(filter: GrantFilter): Promise<GrantSummary> {
    const { clause, params } = where(filter);
    const bySource = await this.rows<{ source_type: string; count: string }>(
      `SELECT source_type, count() AS count FROM grants FINAL WHERE ${clause} GROUP BY source_type ORDER BY count DESC, source_type`,
      params,
    );
    const counts = bySource.map((r) => ({ source_type: r.source_type, count: Number(r.count) }));
    return { total_grants: counts.reduce((sum, r) => sum + r.count, 0), by_source: counts };
  }

  /**
   * Grants created in the range by source, day, reward and current state (read model), and the
   * order events of the range by type (history: a grant completed and later refunded counts
   * once in each). FINAL on the history collapses a redelivered event.
   */
  async stats(filter: GrantFilter): Promise<GrantStats> {
    const grouped = <T>(table: string, timeColumn: string, select: string, group: string, order: string) => {
      const { clause, params } = where(filter, timeColumn);
      return this.rows<T & { count: string }>(
        `SELECT ${select}, count() AS count FROM ${table} FINAL WHERE ${clause} GROUP BY ${group} ORDER BY ${order}`,
        params,
      ).then((rows) => rows.map((row) => ({ ...row, count: Number(row.count) })));
    };
    const grants = <T>(select: string, group: string, order: string) => grouped<T>('grants', 'grant_time', select, group, order);
    const [bySource, byDay, byReward, byState, byEventType] = await Promise.all([
      grants<{ source_type: string }>('source_type', 'source_type', 'count DESC, source_type'),
      grants<{ day: string }>('toString(toDate(grant_time)) AS day', 'day', 'day'),
      grants<{ item_id: string; item_name: string }>('item_id, any(item_name) AS item_name', 'item_id', 'count DESC, item_id'),
      grants<{ state: string }>('state', 'state', 'count DESC, state'),
      grouped<{ event_type: string }>('order_events', 'occurred_at', 'event_type', 'event_type', 'count DESC, event_type'),
    ]);
    return {
      tenant_id: filter.tenantId,
      from: filter.from ?? null,
      to: filter.to ?? null,
      total_grants: bySource.reduce((sum, r) => sum + r.count, 0),
      by_source_type: bySource,
      by_day: byDay,
      by_reward: byReward,
      by_state: byState,
      by_event_type: byEventType,
    };
  }

  private async rows<T>(query: string, params: Record<string, unknown>): Promise<T[]> {
    const result = await this.client.query({ query, query_params: params, format: 'JSONEachRow' });
    return result.json<T>();
  }
}
