import type { EventEnvelope, EventType, OrderEventData } from '@phoenix/contracts';
import type { Message } from 'kafkajs';

/**
 * Order events as rewards-catalog writes them to its outbox, made up deterministically from
 * an index: the benchmark builds the same event twice (once to publish it, once as a
 * baseline row) instead of holding hundreds of MB of events in memory.
 *
 * Event 2k is `order.created` (version 1) of order k and event 2k+1 its `order.completed`
 * (version 2), as a grant delivered by the fulfillment service produces them.
 */
export interface EventShape {
  tenantId: string;
  users: number;
}

const REWARDS = 40;
const SOURCES = [
  { type: 'leaderboard', name: 'Weekly leaderboard', context: 'season-3' },
  { type: 'streak', name: 'Login streak', context: 'day-7' },
  { type: 'achievement', name: 'First win', context: 'pvp' },
  { type: 'coupon', name: 'Partner coupon', context: 'campaign-summer' },
  { type: 'wheel', name: 'Daily wheel', context: 'daily' },
] as const;
const BASE_TIME = Date.parse('2026-01-05T08:00:00.000Z');

/** murmur3's finaliser: a bijection on 32-bit integers, so distinct inputs never collide. */
function mix(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hex8 = (value: number) => value.toString(16).padStart(8, '0');

/** A valid version-4 UUID, unique per (index, kind) for any index below 2^32. */
export function uuidFrom(index: number, kind: number): string {
  const a = hex8(mix(index ^ Math.imul(kind, 0x9e3779b9)));
  const b = hex8(mix(index + kind + 0x632be5ab));
  const c = hex8(mix(Math.imul(index, 31) ^ kind));
  const d = hex8(mix(index ^ 0x27d4eb2f ^ (kind << 20)));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0] ?? '0', 16) & 3) | 8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

function fulfillmentOf(reward: number, completed: boolean): Pick<OrderEventData, 'fulfillment_type' | 'fulfillment' | 'fulfillment_data'> {
  switch (reward % 4) {
    case 0:
      return { fulfillment_type: 'wallet', fulfillment: { type: 'wallet', item_type: 'currency', currency: 'gold', amount: 100 * (1 + (reward % 5)) }, fulfillment_data: null };
    case 1:
      return { fulfillment_type: 'wallet', fulfillment: { type: 'wallet', item_type: 'xp', amount: 250 }, fulfillment_data: null };
    case 2:
      return { fulfillment_type: 'manual', fulfillment: { type: 'manual' }, fulfillment_data: completed ? { type: 'manual', tracking_number: `T-${reward}` } : null };
    default:
      return {
        fulfillment_type: 'api',
        fulfillment: { type: 'api', retry: { max_attempts: 3, backoff_seconds: [60, 300, 900] } },
        fulfillment_data: completed ? { type: 'api', external_id: `ext-${reward}-${mix(reward)}` } : null,
      };
  }
}

export function orderEvent(index: number, shape: EventShape): EventEnvelope<OrderEventData> {
  const order = Math.floor(index / 2);
  const completed = index % 2 === 1;
  const reward = mix(order) % REWARDS;
  const source = SOURCES[order % SOURCES.length] ?? SOURCES[0];
  const createdAt = new Date(BASE_TIME + order * 250).toISOString();
  const updatedAt = completed ? new Date(BASE_TIME + order * 250 + 1_500).toISOString() : createdAt;
  const state = completed ? 'completed' : 'fulfilling';
  const eventType: EventType = completed ? 'order.completed' : 'order.created';
  return {
    event_id: uuidFrom(index, 1),
    event_type: eventType,
    event_version: 1,
    tenant_id: shape.tenantId,
    occurred_at: updatedAt,
    data: {
      order_id: uuidFrom(order, 2),
      user_id: `user_${mix(order ^ 0x5bd1e995) % shape.users}`,
      reward_id: uuidFrom(reward, 3),
      reward_slug: `reward-${reward}`,
      reward_name: `Reward ${reward}`,
      variant_id: 'default',
      state,
      status: completed ? { state, started_at: createdAt, completed_at: updatedAt } : { state, started_at: createdAt },
      source_type: source.type,
      source_ref: `${source.type}-${order % 997}`,
      source_name: source.name,
      source_context: source.context,
      metadata: { campaign: 'bench', rank: order % 100 },
      ...fulfillmentOf(reward, completed),
      price: null,
      requires_claim: false,
      expires_at: null,
      created_at: createdAt,
      updated_at: updatedAt,
      version: completed ? 2 : 1,
    },
  };
}

/** An event as the outbox relay publishes it: key = order id, the event id and type in headers. */
export function toMessage(event: EventEnvelope<OrderEventData>): Message {
  return {
    key: event.data.order_id,
    value: JSON.stringify(event),
    headers: { 'event-id': event.event_id, 'event-type': event.event_type },
  };
}
