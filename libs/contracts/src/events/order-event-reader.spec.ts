import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { OrderFulfillmentSchema, OrderStatusSchema } from '../orders/order.contracts';
import { EventEnvelopeSchema, EVENT_TYPES, parseEvent } from './event-catalog';
import { OrderEventDataSchema } from './order-event-data';
import { parseOrderEventMessage, readOrderEvent, readOrderEventFast } from './order-event-reader';

// The fast reader against zod, the contract: on every input both must give the same verdict and,
// for a valid event, the same output down to the key order (JSON.stringify of it is stored).

const RUNS = { numRuns: 3_000 };

type Outcome = { ok: true; value: unknown; json: string } | { ok: false; error: string };

function outcome(read: () => unknown): Outcome {
  try {
    const value = read();
    return { ok: true, value, json: JSON.stringify(value) };
  } catch (error) {
    return { ok: false, error: String(error instanceof Error ? error.message : error) };
  }
}

/**
 * Same verdict, same error, same serialisation (key order included) and the same values by
 * Node's deep strict equality. (Jest's toStrictEqual also compares `constructor` properties,
 * and a JSON key named "constructor" holds a different array in each separately parsed input.)
 */
function expectSame(actual: Outcome, expected: Outcome): void {
  if (!actual.ok || !expected.ok) return void expect(actual).toEqual(expected);
  expect(actual.json).toBe(expected.json);
  expect(isDeepStrictEqual(actual.value, expected.value)).toBe(true);
}

/** The property: the reader says what zod says; where its fast path answers, zod agrees exactly. */
function agreesWithZod(text: string): void {
  const expected = outcome(() => parseEvent(JSON.parse(text)));
  expectSame(outcome(() => readOrderEvent(text)), expected);
  const fast = readOrderEventFast(JSON.parse(text));
  if (fast !== undefined) expectSame({ ok: true, value: fast, json: JSON.stringify(fast) }, expected);
}

// ---- generators ----

const unicode = fc.string({ unit: 'binary', maxLength: 12 });
const text = fc.oneof(fc.string({ maxLength: 12 }), unicode);
const time = fc.oneof(
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2299-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2024-02-29T23:59:59Z', '2026-01-05T08:00:00+02:00', '2026-01-05T08:00:00.123456-11:30', '2000-02-29T00:00:00.1Z'),
);
const json = fc.jsonValue({ maxDepth: 2 });
const jsonObject = fc.dictionary(text, json, { maxKeys: 4 });
/** Without an own `__proto__` key, which the fast path leaves to zod (the extra-keys case covers it). */
const plainObject = fc.dictionary(text.filter((key) => key !== '__proto__'), json, { maxKeys: 4 });
const state = fc.constantFrom('pending_claim', 'fulfilling', 'completed', 'failed', 'expired', 'refunded');

const status = fc.record(
  {
    state,
    started_at: fc.oneof(time, text),
    completed_at: time,
    failed_at: time,
    reason: text,
    data: plainObject,
    extra: json,
  },
  { requiredKeys: ['state'] },
);

const fulfillment = fc.oneof(
  fc.record({ type: fc.constant('wallet'), item_type: fc.constant('currency'), currency: text, amount: fc.integer() }),
  fc.record({ type: fc.constant('wallet'), item_type: fc.constantFrom('xp', 'badge'), amount: fc.double({ noNaN: true, noDefaultInfinity: true }), item_id: text }, { requiredKeys: ['type', 'item_type'] }),
  fc.record({ type: fc.constant('manual'), notes: text }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('api'), retry: fc.record({ max_attempts: fc.nat(), backoff_seconds: fc.array(fc.nat(), { maxLength: 3 }) }) }),
);

const data = fc.record({
  order_id: fc.uuid(),
  user_id: text,
  reward_id: fc.uuid(),
  reward_slug: text,
  reward_name: text,
  variant_id: text,
  state,
  status,
  source_type: text,
  source_ref: fc.option(text, { nil: null }),
  source_name: fc.option(text, { nil: null }),
  source_context: fc.option(text, { nil: null }),
  metadata: plainObject,
  fulfillment_type: fc.constantFrom('wallet', 'manual', 'api'),
  fulfillment,
  fulfillment_data: fc.option(plainObject, { nil: null }),
  price: fc.option(fc.record({ currency: text, amount: fc.integer() }), { nil: null }),
  requires_claim: fc.boolean(),
  expires_at: fc.option(time, { nil: null }),
  created_at: time,
  updated_at: time,
  version: fc.integer({ min: 1, max: 1_000_000 }),
});

const event = fc.record({
  event_id: fc.uuid(),
  event_type: fc.constantFrom(...EVENT_TYPES),
  event_version: fc.constant(1),
  tenant_id: text,
  occurred_at: time,
  data,
});

type Obj = Record<string, unknown>;
/** The objects of an event a mutation may target, by path (earlier mutations may have replaced them). */
const OBJECT_PATHS = [[], ['data'], ['data', 'status'], ['data', 'fulfillment'], ['data', 'price'], ['data', 'metadata']];

function objectIn(e: Obj, index: number): Obj | undefined {
  let target: unknown = e;
  for (const key of OBJECT_PATHS[index % OBJECT_PATHS.length] ?? []) target = typeof target === 'object' && target !== null ? (target as Obj)[key] : undefined;
  return typeof target === 'object' && target !== null && !Array.isArray(target) ? (target as Obj) : undefined;
}
const anyKeyOf = (target: Obj, pick: number): string | undefined => Object.keys(target)[pick % Math.max(1, Object.keys(target).length)];

const wrongValue = fc.oneof(fc.integer(), fc.double(), text, fc.boolean(), fc.constant(null), fc.array(json, { maxLength: 2 }), jsonObject);
const hostileKey = fc.oneof(text, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'state', 'type', 'data', 'amount', '', '0', '01'));
const boundary = fc.constantFrom<unknown>(0, -0, 1, -1, 1.5, 2, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 1e21, -1e21, '', ' ', '1', 'null',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF', '6f1d2c3b-4a59-9e8f-9d7c-1b2a3c4d5e6f',
  '2023-02-29T00:00:00Z', '2026-01-05T24:00:00Z', '2026-01-05T23:59:60Z', '2026-01-05T08:00:00+24:00', '2026-01-05T08:00Z', '2026-01-05T08:00:00.Z', '2026-01-05t08:00:00z');

/** Serialises an event, with `Infinity` placeholders written as a number JSON.parse reads as Infinity. */
const toText = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (v === Infinity ? '__INF__' : v)).replace(/"__INF__"/g, '1e999');

describe('readOrderEvent, against the zod contract', () => {
  it('reads every field the contract declares (update the reader when this changes)', () => {
    expect(Object.keys(EventEnvelopeSchema.shape)).toEqual(['event_id', 'event_type', 'event_version', 'tenant_id', 'occurred_at', 'data']);
    expect(Object.keys(OrderEventDataSchema.shape)).toEqual([
      'order_id', 'user_id', 'reward_id', 'reward_slug', 'reward_name', 'variant_id', 'state', 'status', 'source_type', 'source_ref', 'source_name',
      'source_context', 'metadata', 'fulfillment_type', 'fulfillment', 'fulfillment_data', 'price', 'requires_claim', 'expires_at', 'created_at', 'updated_at', 'version',
    ]);
    expect(Object.keys(OrderStatusSchema.shape)).toEqual(['state', 'started_at', 'claimed_at', 'completed_at', 'failed_at', 'expired_at', 'refunded_at', 'reason', 'data']);
    expect(Object.keys(OrderFulfillmentSchema.shape)).toEqual(['type', 'item_type', 'currency', 'amount', 'item_id']);
  });

  it('takes the fast path for valid events, with zod output', () => {
    fc.assert(
      fc.property(event, (e) => {
        const text = JSON.stringify(e);
        expect(readOrderEventFast(JSON.parse(text))).toBeDefined();
        agreesWithZod(text);
      }),
      RUNS,
    );
  });

  it('agrees on mutated events: a field deleted or replaced by any JSON', () => {
    fc.assert(
      fc.property(event, fc.nat(), fc.nat(), fc.option(json), (e, where, pick, replacement) => {
        const target = objectIn(e as Obj, where);
        const key = target && anyKeyOf(target, pick);
        if (target && key !== undefined) {
          if (replacement === null) delete target[key];
          else target[key] = replacement;
        }
        agreesWithZod(JSON.stringify(e));
      }),
      RUNS,
    );
  });

  it('agrees on fields of the wrong type', () => {
    fc.assert(
      fc.property(event, fc.nat(), fc.nat(), wrongValue, (e, where, pick, value) => {
        const target = objectIn(e as Obj, where);
        const key = target && anyKeyOf(target, pick);
        if (target && key !== undefined) target[key] = value;
        agreesWithZod(JSON.stringify(e));
      }),
      RUNS,
    );
  });

  it('agrees on extra keys at every level, __proto__ and friends included', () => {
    fc.assert(
      fc.property(event, fc.array(fc.tuple(fc.nat(), hostileKey, json), { minLength: 1, maxLength: 3 }), (e, extras) => {
        const value = e as Obj;
        for (const [where, key, extra] of extras) {
          const target = objectIn(value, where);
          if (target && key !== '__proto__') target[key] = extra;
        }
        let text = JSON.stringify(value);
        // An own "__proto__" key exists only through JSON.parse: splice it into the text.
        const proto = extras.find(([, key]) => key === '__proto__');
        if (proto) {
          const own = `"__proto__":${JSON.stringify(proto[2])}`;
          text = text.replace(/"(data|status|metadata)":\{(\}?)/g, (_, name: string, empty: string) => `"${name}":{${own}${empty ? '}' : ','}`);
        }
        agreesWithZod(text);
      }),
      RUNS,
    );
  });

  it('agrees on boundary values (versions, integers, infinities, uuids, times)', () => {
    fc.assert(
      fc.property(event, fc.nat(), fc.nat(), fc.oneof(boundary, fc.constant(Infinity), fc.constant(-Infinity)), (e, where, pick, value) => {
        const target = objectIn(e as Obj, where);
        const key = target && anyKeyOf(target, pick);
        if (target && key !== undefined) target[key] = value === -Infinity ? Infinity : value;
        agreesWithZod(toText(e));
      }),
      RUNS,
    );
  });

  it('agrees on unicode everywhere: lone surrogates, emoji, NUL, in values and keys', () => {
    const wild = fc.string({ unit: 'binary', minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(event, fc.nat(), fc.nat(), wild, wild, (e, where, pick, value, key) => {
        const target = objectIn(e as Obj, where);
        const field = target && anyKeyOf(target, pick);
        if (target && field !== undefined) {
          target[field] = value;
          target[key] = value;
        }
        agreesWithZod(JSON.stringify(e));
      }),
      RUNS,
    );
  });

  it('agrees on texts that are not events: other JSON, broken JSON', () => {
    fc.assert(
      fc.property(fc.oneof(json.map((v) => JSON.stringify(v)), fc.string(), event.map((e) => JSON.stringify(e).slice(0, -1))), (value) => {
        expectSame(outcome(() => readOrderEvent(value)), outcome(() => parseEvent(JSON.parse(value))));
      }),
      RUNS,
    );
  });

  it('parseOrderEventMessage is null for what readOrderEvent refuses', () => {
    expect(parseOrderEventMessage('not json')).toBeNull();
    expect(parseOrderEventMessage(JSON.stringify({ event_type: 'order.created' }))).toBeNull();
  });
});
