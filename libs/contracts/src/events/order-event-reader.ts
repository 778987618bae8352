import { IsoDateTimeSchema } from '../common/primitives';
import { FULFILLMENT_TYPES } from '../rewards/reward.contracts';
import { ORDER_STATES, type OrderFulfillment, type OrderStatus } from '../orders/order.contracts';
import { EVENT_CATALOG, EventEnvelopeSchema, parseEvent, type EventEnvelope, type EventType } from './event-catalog';
import { OrderEventDataSchema, type OrderEventData } from './order-event-data';

// Reading order events off the bus. zod stays the contract: this file only answers, faster, for
// the events zod would accept, with exactly zod's output (same values, same key order: the event
// history stores `JSON.stringify(data)`). On any doubt it hands the input to zod, which then
// accepts it or throws its usual error, so dead letters keep zod's reasons. Hand-written because
// zod costs about as much per event as the ClickHouse insert (P5 in shared/PERFORMANCE.md) and
// the compilers we looked at do not promise zod 4's exact output. order-event-reader.spec.ts
// fuzzes the two against each other; it also fails when the schemas gain a field unknown here.

type Json = Record<string, unknown>;

/** The patterns zod itself tests, taken from the contract's schemas so the two cannot drift. */
function patternOf(schema: { def: { pattern?: RegExp } }): RegExp {
  const pattern = schema.def.pattern;
  if (!pattern || pattern.global || pattern.sticky) throw new Error('order-event-reader: a string format of the contract has no plain pattern');
  return pattern;
}
const UUID = patternOf(EventEnvelopeSchema.shape.event_id);
const ISO_TIME = patternOf(IsoDateTimeSchema);

const ORDER_STATE_SET: ReadonlySet<unknown> = new Set(ORDER_STATES);
const FULFILLMENT_TYPE_SET: ReadonlySet<unknown> = new Set(FULFILLMENT_TYPES);
/** Only the catalog entries whose data is the order snapshot take the fast path. */
const FAST_TYPES: ReadonlySet<string> = new Set(
  Object.values(EVENT_CATALOG)
    .filter((entry) => entry.data === OrderEventDataSchema)
    .map((entry) => entry.type),
);

const STATUS_STRINGS = ['started_at', 'claimed_at', 'completed_at', 'failed_at', 'expired_at', 'refunded_at', 'reason'] as const;
const STATUS_KEYS: ReadonlySet<string> = new Set(['state', ...STATUS_STRINGS, 'data']);
const FULFILLMENT_STRINGS = ['item_type', 'currency'] as const;
const FULFILLMENT_KEYS: ReadonlySet<string> = new Set(['type', 'item_type', 'currency', 'amount', 'item_id']);

/** JSON.parse gives plain objects only, so "object, not null, not array" is zod's record check too. */
function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * zod copies a record and a loose object's extra keys but drops an own `__proto__` key (which
 * JSON.parse does create): such objects are left to zod rather than copied the same way here.
 */
function isPlainRecord(value: unknown): value is Json {
  return isObject(value) && !Object.hasOwn(value, '__proto__');
}

const isTime = (value: unknown): value is string => typeof value === 'string' && ISO_TIME.test(value);
const isNullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';
const isVersion = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** `z.record(z.string(), z.unknown())`: the same keys and values, so the object itself will do. */
function readRecord(value: unknown): Json | undefined {
  return isPlainRecord(value) ? value : undefined;
}

/** A loose object's output: its declared keys in declaration order, then the others as they came. */
function copyUndeclared(from: Json, to: Json, declared: ReadonlySet<string>): void {
  for (const key in from) if (!declared.has(key)) to[key] = from[key];
}

/** Copies the optional string fields that are present, in order; false when one is not a string. */
function copyOptionalStrings(from: Json, to: Json, keys: readonly string[]): boolean {
  for (const key of keys) {
    const field = from[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') return false;
    to[key] = field;
  }
  return true;
}

function readStatus(value: unknown): OrderStatus | undefined {
  if (!isPlainRecord(value) || !ORDER_STATE_SET.has(value['state'])) return undefined;
  const status: Json = { state: value['state'] };
  if (!copyOptionalStrings(value, status, STATUS_STRINGS)) return undefined;
  if (value['data'] !== undefined) {
    const data = readRecord(value['data']);
    if (!data) return undefined;
    status['data'] = data;
  }
  copyUndeclared(value, status, STATUS_KEYS);
  return status as OrderStatus;
}

function readFulfillment(value: unknown): OrderFulfillment | undefined {
  if (!isPlainRecord(value) || !FULFILLMENT_TYPE_SET.has(value['type'])) return undefined;
  const fulfillment: Json = { type: value['type'] };
  if (!copyOptionalStrings(value, fulfillment, FULFILLMENT_STRINGS)) return undefined;
  // In declaration order: amount comes before item_id.
  const amount = value['amount'];
  if (amount !== undefined) {
    if (!Number.isFinite(amount)) return undefined; // JSON.parse reads 1e999 as Infinity, which zod refuses
    fulfillment['amount'] = amount;
  }
  const itemId = value['item_id'];
  if (itemId !== undefined) {
    if (typeof itemId !== 'string') return undefined;
    fulfillment['item_id'] = itemId;
  }
  copyUndeclared(value, fulfillment, FULFILLMENT_KEYS);
  return fulfillment as OrderFulfillment;
}

function readPrice(value: unknown): OrderEventData['price'] | undefined {
  if (value === null) return null;
  if (!isObject(value)) return undefined;
  const { currency, amount } = value;
  if (typeof currency !== 'string' || !Number.isSafeInteger(amount)) return undefined;
  return { currency, amount: amount as number };
}

function readData(value: unknown): OrderEventData | undefined {
  if (!isObject(value)) return undefined;
  const d = value;
  const { order_id, user_id, reward_id, reward_slug, reward_name, variant_id, state, source_type, source_ref, source_name, source_context } = d;
  if (typeof order_id !== 'string' || typeof user_id !== 'string' || typeof reward_id !== 'string') return undefined;
  if (typeof reward_slug !== 'string' || typeof reward_name !== 'string' || typeof variant_id !== 'string') return undefined;
  if (!ORDER_STATE_SET.has(state) || typeof source_type !== 'string') return undefined;
  if (!isNullableString(source_ref) || !isNullableString(source_name) || !isNullableString(source_context)) return undefined;
  const { fulfillment_type, requires_claim, expires_at, created_at, updated_at, version } = d;
  if (!FULFILLMENT_TYPE_SET.has(fulfillment_type) || typeof requires_claim !== 'boolean' || !isNullableString(expires_at)) return undefined;
  if (!isTime(created_at) || !isTime(updated_at) || !isVersion(version)) return undefined;
  const status = readStatus(d['status']);
  const metadata = readRecord(d['metadata']);
  const fulfillment = readFulfillment(d['fulfillment']);
  const fulfillmentData = d['fulfillment_data'] === null ? null : readRecord(d['fulfillment_data']);
  const price = readPrice(d['price']);
  if (!status || !metadata || !fulfillment || fulfillmentData === undefined || price === undefined) return undefined;
  // The schema's key order, which is zod's output order.
  return {
    order_id,
    user_id,
    reward_id,
    reward_slug,
    reward_name,
    variant_id,
    state: state as OrderEventData['state'],
    status,
    source_type,
    source_ref,
    source_name,
    source_context,
    metadata,
    fulfillment_type: fulfillment_type as OrderEventData['fulfillment_type'],
    fulfillment,
    fulfillment_data: fulfillmentData,
    price,
    requires_claim,
    expires_at,
    created_at,
    updated_at,
    version,
  };
}

/**
 * The fast path alone: the event exactly as `parseEvent` would return it, or undefined when this
 * reader cannot vouch for the input (zod may still accept it, or refuse it with its reason).
 */
export function readOrderEventFast(raw: unknown): EventEnvelope<OrderEventData> | undefined {
  if (!isObject(raw)) return undefined;
  const { event_id, event_type, event_version, tenant_id, occurred_at } = raw;
  if (typeof event_id !== 'string' || !UUID.test(event_id)) return undefined;
  if (typeof event_type !== 'string' || !FAST_TYPES.has(event_type)) return undefined;
  if (event_version !== EVENT_CATALOG[event_type as EventType].version || typeof tenant_id !== 'string' || !isTime(occurred_at)) return undefined;
  const data = readData(raw['data']);
  if (!data) return undefined;
  return { event_id, event_type: event_type as EventType, event_version, tenant_id, occurred_at, data };
}

/**
 * An order event from a bus message's text: what `parseEvent(JSON.parse(value))` returns, faster
 * for valid events; throws what that throws (JSON's SyntaxError, zod's error, an unsupported version).
 */
export function readOrderEvent(value: string): EventEnvelope<OrderEventData> {
  const raw: unknown = JSON.parse(value);
  return readOrderEventFast(raw) ?? (parseEvent(raw) as EventEnvelope<OrderEventData>);
}

/** An order event from the bus, or null when the message is not one (malformed, unknown type). */
export function parseOrderEventMessage(value: string): EventEnvelope<OrderEventData> | null {
  try {
    return readOrderEvent(value);
  } catch {
    return null;
  }
}
