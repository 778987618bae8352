import type { EventEnvelope, GrantView, OrderEventData } from '@phoenix/contracts';

/** A row of the `grants` table. Times are ClickHouse DateTime64 text in UTC. */
export interface GrantRow {
  tenant_id: string;
  user_id: string;
  grant_time: string;
  order_id: string;
  grant_id: string;
  source_type: string;
  source_id: string;
  source_name: string;
  source_context: string;
  item_id: string;
  item_name: string;
  reward_type: string;
  payload: string;
  metadata: string;
  state: string;
  version: number;
  updated_at: string;
}

export interface OrderEventRow {
  tenant_id: string;
  occurred_at: string;
  event_id: string;
  event_type: string;
  order_id: string;
  user_id: string;
  reward_id: string;
  source_type: string;
  state: string;
  version: number;
  data: string;
}

/** The keys of a row type, exhaustive by type, in the order written (the table's). */
function columnsOf<Row>(columns: Record<keyof Row & string, true>): [keyof Row & string, ...(keyof Row & string)[]] {
  return Object.keys(columns) as [keyof Row & string, ...(keyof Row & string)[]];
}

/** The columns of a GrantRow, as an insert names them. */
export const GRANT_COLUMNS = columnsOf<GrantRow>({
  tenant_id: true,
  user_id: true,
  grant_time: true,
  order_id: true,
  grant_id: true,
  source_type: true,
  source_id: true,
  source_name: true,
  source_context: true,
  item_id: true,
  item_name: true,
  reward_type: true,
  payload: true,
  metadata: true,
  state: true,
  version: true,
  updated_at: true,
});

/** The columns of an OrderEventRow, as an insert names them. */
export const ORDER_EVENT_COLUMNS = columnsOf<OrderEventRow>({
  tenant_id: true,
  occurred_at: true,
  event_id: true,
  event_type: true,
  order_id: true,
  user_id: true,
  reward_id: true,
  source_type: true,
  state: true,
  version: true,
  data: true,
});

/**
 * `Date#toISOString`'s own form (what rewards-catalog writes) with a day that every month has:
 * a Date round trip gives such a time back unchanged, so it can be cut instead. (Parsing a Date
 * costs ten times more, three times per event on the ingest path.) Days 29 to 31 take the round
 * trip, which is what rolls an impossible `02-30` over into March.
 */
const ROUND_TRIP_FREE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** `2026-01-28T10:30:00.000Z` → `2026-01-28 10:30:00.000`, the form ClickHouse parses. */
export function toClickHouseTime(iso: string): string {
  if (ROUND_TRIP_FREE.test(iso)) return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * What a grant delivers, in seed 000's terms: wallet items by their type (currency, xp,
 * badge) with their amounts; manual and API deliveries by their type, with what the
 * delivery reported (e.g. the external id) once it did.
 */
export function rewardTypeAndPayload(data: OrderEventData): { reward_type: string; payload: Record<string, unknown> } {
  const f = data.fulfillment as Record<string, unknown>;
  if (data.fulfillment_type === 'wallet') {
    switch (f['item_type']) {
      case 'currency':
        return { reward_type: 'currency', payload: { currency: f['currency'], amount: f['amount'] } };
      case 'xp':
        return { reward_type: 'xp', payload: { amount: f['amount'] } };
      case 'badge':
        return { reward_type: 'badge', payload: { item_id: f['item_id'] } };
    }
  }
  return { reward_type: data.fulfillment_type, payload: data.fulfillment_data ?? {} };
}

export function toGrantRow(event: EventEnvelope<OrderEventData>): GrantRow {
  const data = event.data;
  const { reward_type, payload } = rewardTypeAndPayload(data);
  return {
    tenant_id: event.tenant_id,
    user_id: data.user_id,
    grant_time: toClickHouseTime(data.created_at),
    order_id: data.order_id,
    grant_id: data.order_id,
    source_type: data.source_type,
    // A purchase has no source of its own: its order is its source (seed 000's source table).
    source_id: data.source_ref ?? data.order_id,
    source_name: data.source_name ?? '',
    source_context: data.source_context ?? data.source_ref ?? '',
    item_id: data.reward_id,
    item_name: data.reward_name,
    reward_type,
    payload: JSON.stringify(payload),
    metadata: JSON.stringify(data.metadata ?? {}),
    state: data.state,
    version: data.version,
    updated_at: toClickHouseTime(data.updated_at),
  };
}

export function toOrderEventRow(event: EventEnvelope<OrderEventData>): OrderEventRow {
  return {
    tenant_id: event.tenant_id,
    occurred_at: toClickHouseTime(event.occurred_at),
    event_id: event.event_id,
    event_type: event.event_type,
    order_id: event.data.order_id,
    user_id: event.data.user_id,
    reward_id: event.data.reward_id,
    source_type: event.data.source_type,
    state: event.data.state,
    version: event.data.version,
    data: JSON.stringify(event.data),
  };
}

/** A grant as read back by the queries: the time as epoch milliseconds. */
export type StoredGrant = Omit<GrantRow, 'grant_time' | 'updated_at' | 'version' | 'tenant_id'> & { grant_time_ms: string | number };

/** Columns of a StoredGrant, for SELECTs. */
export const STORED_GRANT_COLUMNS = `user_id, toUnixTimestamp64Milli(grant_time) AS grant_time_ms, order_id, grant_id,
  source_type, source_id, source_name, source_context, item_id, item_name, reward_type, payload, metadata, state`;

/** A stored grant as the API shows it. */
export function toGrantView(row: StoredGrant): GrantView {
  return {
    grant_id: row.grant_id,
    grant_time: new Date(Number(row.grant_time_ms)).toISOString(),
    user_id: row.user_id,
    source_type: row.source_type,
    source_id: row.source_id,
    source_name: row.source_name,
    source_context: row.source_context,
    item_id: row.item_id,
    item_name: row.item_name,
    reward_type: row.reward_type,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    order_id: row.order_id,
    state: row.state as GrantView['state'],
  };
}
