import fc from 'fast-check';
import {
  EventEnvelope,
  EventType,
  GrantViewSchema,
  OrderEventData,
  OrderEventDataSchema,
  parseEvent,
} from '@phoenix/contracts';
import { randomUUID } from 'node:crypto';
import { GrantRow, StoredGrant, rewardTypeAndPayload, toClickHouseTime, toGrantRow, toGrantView, toOrderEventRow } from './grant-rows';

const ORDER_ID = '0b6f3c1e-8a55-4a4e-9a4e-6c2f6f0d2a11';
const REWARD_ID = '6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f';

/** A valid order event snapshot (checked against the contract, so the fixture cannot drift). */
function orderData(overrides: Partial<OrderEventData> = {}): OrderEventData {
  const data: OrderEventData = {
    order_id: ORDER_ID,
    user_id: 'user_123',
    reward_id: REWARD_ID,
    reward_slug: 'gems-1000',
    reward_name: '1000 Gems',
    variant_id: 'default',
    state: 'completed',
    status: { state: 'completed', completed_at: '2025-01-04T10:30:05.000Z' },
    source_type: 'leaderboard',
    source_ref: 'weekly-leaderboard',
    source_name: 'Weekly Top Players',
    source_context: '2025-W01',
    metadata: { rank: 1, score: 50000, tier_name: 'gold' },
    fulfillment_type: 'wallet',
    fulfillment: { type: 'wallet', item_type: 'currency', currency: 'gems', amount: 1000 },
    fulfillment_data: null,
    price: null,
    requires_claim: false,
    expires_at: null,
    created_at: '2025-01-04T10:30:00.000Z',
    updated_at: '2025-01-04T10:30:05.123Z',
    version: 3,
    ...overrides,
  };
  return OrderEventDataSchema.parse(data);
}

/** A valid envelope (checked by the catalog's own parser). */
function envelope(data: OrderEventData, overrides: Partial<EventEnvelope<OrderEventData>> = {}): EventEnvelope<OrderEventData> {
  const event = {
    event_id: randomUUID(),
    event_type: 'order.completed' as EventType,
    event_version: 1,
    tenant_id: 'acme',
    occurred_at: '2025-01-04T10:30:05.123Z',
    data,
    ...overrides,
  };
  parseEvent(event);
  return event;
}

describe('toClickHouseTime', () => {
  it('turns an ISO UTC time into ClickHouse DateTime64 text', () => {
    expect(toClickHouseTime('2026-01-28T10:30:00.000Z')).toBe('2026-01-28 10:30:00.000');
  });

  it('adds milliseconds when the input has none', () => {
    expect(toClickHouseTime('2026-01-28T10:30:00Z')).toBe('2026-01-28 10:30:00.000');
  });

  it('converts an offset time to UTC', () => {
    expect(toClickHouseTime('2026-01-28T12:30:00.250+02:00')).toBe('2026-01-28 10:30:00.250');
  });

  it('truncates sub-millisecond precision (Postgres timestamps)', () => {
    expect(toClickHouseTime('2026-01-28T10:30:00.123456+00:00')).toBe('2026-01-28 10:30:00.123');
  });

  it('refuses a time that is not one', () => {
    expect(() => toClickHouseTime('not a time')).toThrow(RangeError);
  });

  it('gives what a Date round trip gives, for any time and for impossible days', () => {
    const viaDate = (iso: string) => new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(toClickHouseTime(iso)).toBe(viaDate(iso));
      }),
      { numRuns: 3_000 },
    );
    for (const iso of ['2026-02-30T10:00:00.000Z', '2026-04-31T10:00:00.000Z', '2025-02-29T10:00:00.000Z', '2024-02-29T23:59:59.999Z']) {
      expect(toClickHouseTime(iso)).toBe(viaDate(iso));
    }
  });
});

describe('rewardTypeAndPayload', () => {
  it('wallet currency: the currency and amount', () => {
    const data = orderData({ fulfillment: { type: 'wallet', item_type: 'currency', currency: 'coins', amount: 500 } });
    expect(rewardTypeAndPayload(data)).toEqual({ reward_type: 'currency', payload: { currency: 'coins', amount: 500 } });
  });

  it('wallet xp: the amount only', () => {
    const data = orderData({ fulfillment: { type: 'wallet', item_type: 'xp', amount: 250, currency: 'ignored' } });
    expect(rewardTypeAndPayload(data)).toEqual({ reward_type: 'xp', payload: { amount: 250 } });
  });

  it('wallet badge: the badge item id', () => {
    const data = orderData({ fulfillment: { type: 'wallet', item_type: 'badge', item_id: 'badge_champion' } });
    expect(rewardTypeAndPayload(data)).toEqual({ reward_type: 'badge', payload: { item_id: 'badge_champion' } });
  });

  it('wallet: what the delivery reported does not change the payload', () => {
    const data = orderData({ fulfillment_data: { type: 'wallet', entry_id: 'e1' } });
    expect(rewardTypeAndPayload(data)).toEqual({ reward_type: 'currency', payload: { currency: 'gems', amount: 1000 } });
  });

  it('manual: the type, with an empty payload before delivery', () => {
    const data = orderData({ fulfillment_type: 'manual', fulfillment: { type: 'manual' }, fulfillment_data: null });
    expect(rewardTypeAndPayload(data)).toEqual({ reward_type: 'manual', payload: {} });
  });

  it('manual: what the delivery reported once it did', () => {
    const data = orderData({ fulfillment_type: 'manual', fulfillment: { type: 'manual' }, fulfillment_data: { note: 'shipped', tracking: 'T-1' } });
    expect(rewardTypeAndPayload(data)).toEqual({ reward_type: 'manual', payload: { note: 'shipped', tracking: 'T-1' } });
  });

  it('api: the external id the delivery reported', () => {
    const data = orderData({ fulfillment_type: 'api', fulfillment: { type: 'api' }, fulfillment_data: { type: 'api', external_id: 'ext-42' } });
    expect(rewardTypeAndPayload(data)).toEqual({ reward_type: 'api', payload: { type: 'api', external_id: 'ext-42' } });
  });

  it('api: an empty payload before delivery', () => {
    const data = orderData({ fulfillment_type: 'api', fulfillment: { type: 'api' }, fulfillment_data: null, state: 'fulfilling', status: { state: 'fulfilling' } });
    expect(rewardTypeAndPayload(data)).toEqual({ reward_type: 'api', payload: {} });
  });
});

describe('toGrantRow', () => {
  it('maps a grant: source id is its source_ref, context as given, metadata as JSON', () => {
    const event = envelope(orderData());
    expect(toGrantRow(event)).toEqual<GrantRow>({
      tenant_id: 'acme',
      user_id: 'user_123',
      grant_time: '2025-01-04 10:30:00.000',
      order_id: ORDER_ID,
      grant_id: ORDER_ID,
      source_type: 'leaderboard',
      source_id: 'weekly-leaderboard',
      source_name: 'Weekly Top Players',
      source_context: '2025-W01',
      item_id: REWARD_ID,
      item_name: '1000 Gems',
      reward_type: 'currency',
      payload: JSON.stringify({ currency: 'gems', amount: 1000 }),
      metadata: JSON.stringify({ rank: 1, score: 50000, tier_name: 'gold' }),
      state: 'completed',
      version: 3,
      updated_at: '2025-01-04 10:30:05.123',
    });
  });

  it('a grant without a context falls back to its source_ref; no name is an empty string', () => {
    const row = toGrantRow(envelope(orderData({ source_type: 'coupon', source_ref: 'NEWYEAR2025', source_context: null, source_name: null })));
    expect(row).toMatchObject({ source_type: 'coupon', source_id: 'NEWYEAR2025', source_context: 'NEWYEAR2025', source_name: '' });
  });

  it('an empty metadata object is stored as {}', () => {
    expect(toGrantRow(envelope(orderData({ metadata: {} }))).metadata).toBe('{}');
  });

  it('nested metadata survives as JSON', () => {
    const metadata = { coupon_id: 'coupon_xyz', nested: { list: [1, 'two', null], flag: true } };
    expect(JSON.parse(toGrantRow(envelope(orderData({ metadata }))).metadata)).toEqual(metadata);
  });

  it('maps a purchase: its order is its source and its context', () => {
    // As the catalog makes it (purchase.use-case): source_ref null, source_context = order id.
    const data = orderData({
      source_type: 'purchase',
      source_ref: null,
      source_name: null,
      source_context: ORDER_ID,
      metadata: {},
      price: { currency: 'coins', amount: 300 },
      state: 'fulfilling',
      status: { state: 'fulfilling' },
      version: 1,
    });
    const row = toGrantRow(envelope(data, { event_type: 'order.fulfilling' }));
    expect(row).toMatchObject({
      source_type: 'purchase',
      source_id: ORDER_ID,
      source_context: ORDER_ID,
      source_name: '',
      order_id: ORDER_ID,
      grant_id: ORDER_ID,
      state: 'fulfilling',
      version: 1,
    });
  });

  it('takes the grant time from the order creation, not from the event', () => {
    const row = toGrantRow(envelope(orderData({ created_at: '2025-01-01T00:00:00.000+01:00' }), { occurred_at: '2025-02-01T00:00:00.000Z' }));
    expect(row.grant_time).toBe('2024-12-31 23:00:00.000');
  });
});

describe('toOrderEventRow', () => {
  it('maps the envelope and keeps the whole snapshot as JSON', () => {
    const data = orderData();
    const event = envelope(data, { occurred_at: '2025-01-04T10:30:05.123Z' });
    const row = toOrderEventRow(event);
    expect(row).toEqual({
      tenant_id: 'acme',
      occurred_at: '2025-01-04 10:30:05.123',
      event_id: event.event_id,
      event_type: 'order.completed',
      order_id: ORDER_ID,
      user_id: 'user_123',
      reward_id: REWARD_ID,
      source_type: 'leaderboard',
      state: 'completed',
      version: 3,
      data: JSON.stringify(data),
    });
    expect(OrderEventDataSchema.parse(JSON.parse(row.data))).toEqual(data);
  });
});

describe('toGrantView', () => {
  /** What the queries read back for a row: STORED_GRANT_COLUMNS (the time as epoch ms). */
  function stored(row: GrantRow, grantTimeMs: string | number): StoredGrant {
    const { tenant_id: _tenant, grant_time: _time, updated_at: _updated, version: _version, ...rest } = row;
    void [_tenant, _time, _updated, _version];
    return { ...rest, grant_time_ms: grantTimeMs };
  }

  it('round-trips a stored row into the API view', () => {
    const event = envelope(orderData());
    const row = toGrantRow(event);
    const grantTimeMs = String(Date.parse('2025-01-04T10:30:00.000Z'));
    const view = toGrantView(stored(row, grantTimeMs));
    expect(view).toEqual({
      grant_id: ORDER_ID,
      grant_time: '2025-01-04T10:30:00.000Z',
      user_id: 'user_123',
      source_type: 'leaderboard',
      source_id: 'weekly-leaderboard',
      source_name: 'Weekly Top Players',
      source_context: '2025-W01',
      item_id: REWARD_ID,
      item_name: '1000 Gems',
      reward_type: 'currency',
      payload: { currency: 'gems', amount: 1000 },
      metadata: { rank: 1, score: 50000, tier_name: 'gold' },
      order_id: ORDER_ID,
      state: 'completed',
    });
    expect(GrantViewSchema.parse(view)).toEqual(view);
  });

  it('accepts the time as a number as well as a string (JSON Int64 either way)', () => {
    const row = toGrantRow(envelope(orderData()));
    const ms = Date.parse('2025-01-04T10:30:00.042Z');
    expect(toGrantView(stored(row, ms)).grant_time).toBe('2025-01-04T10:30:00.042Z');
    expect(toGrantView(stored(row, String(ms))).grant_time).toBe('2025-01-04T10:30:00.042Z');
  });

  it('a purchase view carries its order as source and context', () => {
    const data = orderData({ source_type: 'purchase', source_ref: null, source_name: null, source_context: ORDER_ID, metadata: {} });
    const view = toGrantView(stored(toGrantRow(envelope(data)), Date.parse(data.created_at)));
    expect(view).toMatchObject({ source_type: 'purchase', source_id: ORDER_ID, source_context: ORDER_ID, source_name: '', metadata: {} });
    expect(GrantViewSchema.safeParse(view).success).toBe(true);
  });
});
