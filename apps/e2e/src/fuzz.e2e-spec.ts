import { ApiResponse, call, createTenant, credit, StackInfo, TestTenant, userToken } from '@phoenix/testing';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { eachMode } from './stacks';

// Property-based fuzzing of four request bodies (reward create, grant, purchase, claim) in
// both run modes. Whatever the body, the platform must:
//   (a) never answer 5xx;
//   (b) answer every non-2xx in the one error shape {statusCode, error, code, message};
//   (c) write nothing on a 4xx, and on a 2xx change exactly what that success implies.
// (c) compares a snapshot of the tenant's state taken around each request: straight from
// Postgres in distributed mode, through the admin API in standalone mode (its database is
// embedded). Reproduce a failure with FUZZ_SEED=<seed printed by fast-check>.

const RUNS = Math.max(300, Number(process.env['FUZZ_RUNS'] ?? 300) || 300);
const SEED = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : undefined;
const TEST_TIMEOUT_MS = 900_000;

const FUNDED = 'fuzz-funded';
const OTHER = 'fuzz-other';
const PHONE = '+251912345678';

type Json = Record<string, unknown>;
type Payload = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };
interface FuzzCase {
  /** The path parameter (slug or order id); empty when the route has none. */
  target: string;
  payload: Payload;
}

type RewardKind = 'limited' | 'unlimited' | 'claimable';
interface Price {
  currency: string;
  amount: number;
}
interface SeedReward {
  id: string;
  kind: RewardKind;
  slug: string;
  prices: Price[];
}
interface PendingOrder {
  id: string;
  owner: string;
  kind: 'limited' | 'claimable';
}

// ---- the seeded catalog ----

const SEED_BODIES: Record<RewardKind, Json> = {
  // Purchasable, stock 5, a required text field with a pattern (and an optional free one).
  limited: {
    slug: 'fuzz-limited',
    name: 'Limited airtime',
    fields: [
      { name: 'phone', label: 'Phone', required: true, type: 'text', pattern: '^\\+251[0-9]{9}$' },
      { name: 'note', label: 'Note', type: 'text', max_length: 2000 },
    ],
    fulfillment: { type: 'manual' },
    purchase: { prices: [{ currency: 'gold', amount: 10 }] },
    stock: 5,
  },
  // Purchasable in two currencies, unlimited, one optional select field.
  unlimited: {
    slug: 'fuzz-unlimited',
    name: 'Sticker',
    fields: [
      {
        name: 'size',
        label: 'Size',
        type: 'select',
        options: [
          { value: 's', label: 'S' },
          { value: 'm', label: 'M' },
          { value: 'l', label: 'L' },
        ],
      },
    ],
    fulfillment: { type: 'manual', notes: 'hand it over' },
    purchase: { prices: [{ currency: 'gold', amount: 7 }, { currency: 'gems', amount: 3 }] },
    stock: null,
  },
  // Grant-only, claimed later with two required fields.
  claimable: {
    slug: 'fuzz-claimable',
    name: 'Tournament prize',
    requires_claim: true,
    fields: [
      { name: 'address', label: 'Address', required: true, type: 'text', min_length: 3, max_length: 200 },
      { name: 'code', label: 'Code', required: true, type: 'text', pattern: '[A-Z]{3}-\\d{4}' },
    ],
    fulfillment: { type: 'manual' },
    purchase: null,
    stock: 1000,
  },
};

/** Field values each seeded reward accepts. */
function validFields(kind: RewardKind): fc.Arbitrary<Record<string, string>> {
  switch (kind) {
    case 'limited':
      return fc.record(
        { phone: fc.constant(PHONE), note: fc.string({ maxLength: 40 }).filter((s) => !/[\r\n]/.test(s)) },
        { requiredKeys: ['phone'] },
      );
    case 'unlimited':
      return fc.record({ size: fc.constantFrom('s', 'm', 'l') }, { requiredKeys: [] });
    case 'claimable':
      return fc.record({ address: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{2,40}$/), code: fc.stringMatching(/^[A-Z]{3}-\d{4}$/) });
  }
}

// ---- generators of garbage ----

const NASTY_STRINGS = [
  '', ' ', '\t', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '😀', '\u202e', '\ufeff', '\n', 'a\r\nb',
  'null', 'true', '0', '-1', 'NaN', '1e309', "' OR '1'='1", '"; DROP TABLE catalog.orders; --', '%00', '../../etc/passwd',
  '<script>alert(1)</script>', '${7*7}', '__proto__', 'constructor', 'prototype', 'toString', 'Ω≈ç√∫', '𝕳𝖊𝖑𝖑𝖔', 'ﷺ',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇', 'fuzz-limited', FUNDED,
];
const nastyString = fc.constantFrom(...NASTY_STRINGS);

/** Up to ~5k characters of one repeated character, or of arbitrary code points. */
const hugeString = fc.oneof(
  fc
    .tuple(fc.integer({ min: 256, max: 5000 }), fc.constantFrom('a', 'é', '😀', '\u0000', '9', ' ', '\n', '\ud800'))
    .map(([n, c]) => c.repeat(n)),
  fc.string({ minLength: 1000, maxLength: 5000, unit: 'binary' }),
);

const weirdNumber = fc.oneof(
  fc.constantFrom(
    -1, 0, -0, 0.5, 1.5, -2.5, 1e-7, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e16, -1e16, 1e21, 1e300,
    Number.MAX_VALUE, Number.MIN_VALUE, 1_000_000_000_000, 1_000_000_000_001, 1_000_000_001,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

function nest(depth: number, arrays: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
}
const deeplyNested = fc.tuple(fc.integer({ min: 20, max: 2000 }), fc.boolean()).map(([depth, arrays]) => nest(depth, arrays));

/** Sets an own, enumerable property, even one called `__proto__`. */
function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const protoObject = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.jsonValue({ maxDepth: 2 }))
  .map(([key, value]) => {
    const object: Json = {};
    defineOwn(object, key, key === 'constructor' ? { prototype: { polluted: true } } : value);
    return object;
  });

const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 3, arbitrary: weirdNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 5 }) },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: protoObject },
);

const extraKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'tenant_id', 'id', 'isAdmin', '', ' ', '$gt', 'user_id ', 'USER_ID'),
  fc.string({ maxLength: 12 }),
);

type Mutation =
  | { op: 'set'; path: string[]; value: unknown }
  | { op: 'delete'; path: string[] }
  /** Replaces one of the body's string values (picked by index), keeping its type: unicode, control characters, ~5k chars. */
  | { op: 'text'; pick: number; value: string };

const edgeText = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
);

/**
 * One to four changes to a valid body: a known (possibly nested) property or an unknown one
 * set to junk or removed, or a string value swapped for an edge-case string.
 */
function mutations(paths: string[][]): fc.Arbitrary<Mutation[]> {
  const path = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...paths) },
    { weight: 1, arbitrary: extraKey.map((key) => [key]) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...paths), extraKey).map(([p, key]) => [...p, key]) },
  );
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), path, value: junk }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), path }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('text' as const), pick: fc.nat(), value: edgeText }) },
  );
  return fc.array(mutation, { minLength: 1, maxLength: 4 });
}

/** JSON round trip: a deep copy (own `__proto__` keys survive it), so generated values are never mutated. */
function cloneJson<T>(value: T): T {
  const text = JSON.stringify(value);
  return (text === undefined ? value : JSON.parse(text)) as T;
}

function ownValue(node: object, key: string): unknown {
  return Object.getOwnPropertyDescriptor(node, key)?.value;
}

/** JSON drops the non-index properties of an array (and fast-check cannot print one with an own "constructor"). */
function settable(node: object, key: string): boolean {
  return !Array.isArray(node) || /^\d+$/.test(key);
}

/** The paths of every string value in a body (own keys, in order). */
function stringPaths(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (typeof value === 'string' && path.length > 0) out.push(path);
  else if (typeof value === 'object' && value !== null && path.length < 8) {
    for (const key of Object.keys(value)) stringPaths(ownValue(value, key), [...path, key], out);
  }
  return out;
}

function mutate(body: Json, changes: Mutation[]): Json {
  const root = cloneJson(body);
  for (const original of changes) {
    let change: Exclude<Mutation, { op: 'text' }>;
    if (original.op === 'text') {
      const candidates = stringPaths(root);
      if (candidates.length === 0) continue;
      change = { op: 'set', path: candidates[original.pick % candidates.length]!, value: original.value };
    } else {
      change = original;
    }
    let node: object | undefined = root;
    for (const key of change.path.slice(0, -1)) {
      if (!settable(node, key)) {
        node = undefined;
        break;
      }
      let next = ownValue(node, key);
      if (typeof next !== 'object' || next === null) {
        if (change.op === 'delete') {
          node = undefined;
          break;
        }
        next = {};
        defineOwn(node, key, next);
      }
      node = next as object;
    }
    const last = change.path[change.path.length - 1]!;
    if (node === undefined || !settable(node, last)) continue;
    if (change.op === 'set') defineOwn(node, last, cloneJson(change.value));
    else delete (node as Json)[last];
  }
  return root;
}

const RAW_TEXTS = [
  '', ' ', '{', '}', '[', '{"', 'nul', 'tru', 'undefined', 'NaN', '{a:1}', "{'a':1}", '{"a":1,}', '{"a":}', '{"a" 1}',
  '{"a":1}}', '{"a":1}{"b":2}', '\ufeff{}', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"a":"\\x00"}', '{"a":01}', '{"a":1e999}', '['.repeat(10_000), '{"a":'.repeat(5_000),
  '[]', 'null', '0', '"str"', 'true',
];

/** Not JSON, or not quite: fixed horrors, random text, and valid bodies truncated or with one character inserted. */
function rawPayloads(valid: fc.Arbitrary<Json>): fc.Arbitrary<Payload> {
  const truncated = fc.tuple(valid, fc.nat()).map(([body, n]) => {
    const text = JSON.stringify(body);
    return text.slice(0, n % text.length);
  });
  const corrupted = fc
    .tuple(valid, fc.nat(), fc.constantFrom('"', '{', '}', ',', ':', '\\', '\u0000', "'", ']', 'x', '\n', '\ud800'))
    .map(([body, n, c]) => {
      const text = JSON.stringify(body);
      const at = n % (text.length + 1);
      return text.slice(0, at) + c + text.slice(at);
    });
  return fc
    .oneof(truncated, corrupted, fc.constantFrom(...RAW_TEXTS), fc.string({ unit: 'binary', maxLength: 200 }))
    .map((text): Payload => ({ kind: 'raw', text }));
}

const json = (value: unknown): Payload => ({ kind: 'json', value });

/** A path segment as a client would send it: lone surrogates become U+FFFD (encodeURIComponent throws on them). */
function pathSegment(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

/** Any JSON at all, objects with arbitrary keys and values, and objects of the right keys with junk values. */
function arbitraryJson(knownKeys: string[]): fc.Arbitrary<unknown> {
  const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...knownKeys, '__proto__', 'constructor'));
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.object({ key, maxDepth: 3 }),
    fc.dictionary(fc.constantFrom(...knownKeys), junk, { maxKeys: knownKeys.length }),
  );
}

/** The mix every fuzzer sends: valid, near-valid (mutated), arbitrary JSON, and raw non-JSON. */
function payloads(valid: fc.Arbitrary<Json>, knownKeys: string[], paths: string[][]): fc.Arbitrary<Payload> {
  return fc.oneof(
    { weight: 2, arbitrary: valid.map(json) },
    { weight: 5, arbitrary: fc.tuple(valid, mutations(paths)).map(([body, changes]) => json(mutate(body, changes))) },
    { weight: 2, arbitrary: arbitraryJson(knownKeys).map(json) },
    { weight: 1, arbitrary: rawPayloads(valid) },
  );
}

const userIdArb = fc.oneof(fc.constantFrom(FUNDED, OTHER), fc.stringMatching(/^[A-Za-z0-9_.:@-]{1,40}$/));
const variantIdArb = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
const futureIso = fc.integer({ min: 3_600, max: 10 * 365 * 86_400 }).map((s) => new Date(Date.now() + s * 1000).toISOString());
const badPathSegment = fc.oneof(
  nastyString,
  fc.string({ maxLength: 40 }),
  fc.constantFrom('not-a-uuid', '..', '.', '%2e%2e', 'a'.repeat(300), '00000000-0000-0000-0000-000000000000', 'FUZZ-LIMITED'),
);

// ---- readable failures ----

function shorten(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > 160 ? `${value.slice(0, 160)}…(${value.length} chars)` : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 6) return '…(deeper)';
  if (Array.isArray(value)) {
    const items = value.slice(0, 12).map((item) => shorten(item, depth + 1));
    return value.length > 12 ? [...items, `…(${value.length} items)`] : items;
  }
  const result: Json = {};
  for (const key of Object.keys(value)) defineOwn(result, key, shorten(ownValue(value, key), depth + 1));
  return result;
}

function preview(value: unknown): string {
  return JSON.stringify(shorten(value)) ?? String(value);
}

function describePayload(payload: Payload): string {
  return payload.kind === 'json' ? `json ${preview(payload.value)}` : `raw ${preview(payload.text)}`;
}

interface Report {
  mode: string;
  request: string;
  status: number;
  response: unknown;
}

function check(ok: boolean, what: string, report: Report, extra?: string): asserts ok {
  if (ok) return;
  const lines = [
    what,
    `  mode:     ${report.mode}`,
    `  request:  ${report.request}`,
    `  status:   ${report.status}`,
    `  response: ${preview(report.response)}`,
  ];
  if (extra) lines.push(extra);
  throw new Error(lines.join('\n'));
}

function isErrorShape(status: number, body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Json;
  return b['statusCode'] === status && typeof b['error'] === 'string' && typeof b['code'] === 'string' && typeof b['message'] === 'string';
}

/** One pino line, reduced to what explains a failure (the whole line holds the full SQL parameters). */
function summarizeLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as Json;
    const err = (entry['err'] ?? {}) as Json;
    const driver = (err['driverError'] ?? {}) as Json;
    const stackTop = typeof err['stack'] === 'string' ? err['stack'].split('\n').slice(0, 6).join('\n      ') : '';
    return [
      `    [${entry['app']}] ${entry['msg']}`,
      `      ${err['type']}: ${err['message']}${err['detail'] ?? driver['detail'] ? ` (${err['detail'] ?? driver['detail']})` : ''}`,
      typeof err['query'] === 'string' ? `      query: ${err['query'].replace(/\s+/g, ' ').slice(0, 300)}` : '',
      stackTop ? `      ${stackTop}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  } catch {
    return `    ${line.slice(0, 600)}`;
  }
}

/** The stack's log lines about a 500, found by its error id (the log is written asynchronously: wait for it). */
async function logExcerpt(logFile: string, body: unknown): Promise<string> {
  const answer = (typeof body === 'object' && body !== null ? body : {}) as Json;
  // The id is in `error_id`, or only in the message ("Internal error (id …)") when a service raised it.
  const errorId = typeof answer['error_id'] === 'string' ? answer['error_id'] : /\(id ([0-9a-f-]{36})\)/.exec(String(answer['message']))?.[1];
  if (errorId === undefined) return `  log: ${logFile} (the answer names no error id)`;
  for (let attempt = 0; attempt < 20; attempt++) {
    let text = '';
    try {
      text = readFileSync(logFile, 'utf8');
    } catch {
      return `  log: ${logFile} (unreadable)`;
    }
    const matching = text.split('\n').filter((line) => line.includes(errorId));
    if (matching.length > 0) return `  log (${logFile}, error_id ${errorId}):\n${matching.map(summarizeLogLine).join('\n')}`;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return `  log: ${logFile} (no line with error_id ${errorId})`;
}

// ---- state snapshots ----

interface Snapshot {
  orders: number;
  pending: number;
  rewards: number;
  /** Stock per reward id (null: unlimited). */
  stocks: Record<string, number | null>;
  /** Distributed: every balance of the tenant; standalone: the funded user's balances. */
  balance: number;
  /** Distributed only: the API shows neither. */
  outbox?: number;
  ledger?: number;
}

interface Delta {
  orders?: number;
  pending?: number;
  rewards?: number;
  balance?: number;
  outbox?: number;
  ledger?: number;
  stocks?: Record<string, number | null>;
}

function expectedAfter(before: Snapshot, delta: Delta): Snapshot {
  const add = (key: 'orders' | 'pending' | 'rewards' | 'balance') => before[key] + (delta[key] ?? 0);
  return {
    orders: add('orders'),
    pending: add('pending'),
    rewards: add('rewards'),
    balance: add('balance'),
    stocks: { ...before.stocks, ...(delta.stocks ?? {}) },
    ...(before.outbox !== undefined ? { outbox: before.outbox + (delta.outbox ?? 0) } : {}),
    ...(before.ledger !== undefined ? { ledger: before.ledger + (delta.ledger ?? 0) } : {}),
  };
}

/** What differs between two snapshots, key by key (stocks per reward). */
function differences(expected: Snapshot, actual: Snapshot): string[] {
  const out: string[] = [];
  for (const key of ['orders', 'pending', 'rewards', 'balance', 'outbox', 'ledger'] as const) {
    if (expected[key] !== actual[key]) out.push(`${key}: expected ${expected[key]}, got ${actual[key]}`);
  }
  const ids = new Set([...Object.keys(expected.stocks), ...Object.keys(actual.stocks)]);
  for (const id of ids) {
    if (expected.stocks[id] !== actual.stocks[id]) out.push(`stock of ${id}: expected ${expected.stocks[id]}, got ${actual.stocks[id]}`);
  }
  return out;
}

function hasRewardStock(snapshot: Snapshot, rewardId: string): boolean {
  const stock = snapshot.stocks[rewardId];
  return stock !== null && stock !== undefined;
}

function stockTaken(before: Snapshot, rewardId: string): Record<string, number | null> {
  return hasRewardStock(before, rewardId) ? { [rewardId]: before.stocks[rewardId]! - 1 } : {};
}

/** The body the server parsed: the JSON value, or the raw text if it is JSON. */
function sentBody(payload: Payload): Json {
  if (payload.kind === 'json') return payload.value as Json;
  return JSON.parse(payload.text) as Json;
}

describe.each(eachMode())('fuzz (%s)', (mode, stack: StackInfo) => {
  let tenant: TestTenant;
  let serviceToken: string;
  let db: Client | undefined;
  const seeds = {} as Record<RewardKind, SeedReward>;
  const pending: PendingOrder[] = [];
  const rewardPrices = new Map<string, Price[]>();

  const adminHeaders = () => ({ 'x-api-key': tenant.api_key });
  const serviceHeaders = () => ({ authorization: `Bearer ${serviceToken}` });
  const adminPath = (path: string) => `/v1/tenants/${tenant.id}${path}`;

  async function adminGet(path: string): Promise<any> {
    const response = await call(stack.adminUrl, 'GET', adminPath(path), { headers: adminHeaders() });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${preview(response.body)}`);
    return response.body;
  }

  async function snapshot(): Promise<Snapshot> {
    if (db) {
      const { rows } = await db.query(
        `SELECT (SELECT count(*) FROM catalog.orders WHERE tenant_id = $1)::int AS orders,
                (SELECT count(*) FROM catalog.orders WHERE tenant_id = $1 AND state = 'pending_claim')::int AS pending,
                (SELECT count(*) FROM catalog.outbox WHERE tenant_id = $1)::int AS outbox,
                (SELECT count(*) FROM catalog.wallet_ledger WHERE tenant_id = $1)::int AS ledger,
                (SELECT count(*) FROM catalog.rewards WHERE tenant_id = $1)::int AS rewards,
                (SELECT COALESCE(sum(balance), 0) FROM catalog.wallet_balances WHERE tenant_id = $1 AND asset = 'currency')::text AS balance,
                (SELECT COALESCE(json_object_agg(id, stock), '{}'::json) FROM catalog.rewards WHERE tenant_id = $1) AS stocks`,
        [tenant.id],
      );
      const row = rows[0] as Omit<Snapshot, 'balance'> & { balance: string };
      return { ...row, balance: Number(row.balance) };
    }
    const [orders, pendingOrders, wallet] = await Promise.all([
      adminGet('/reward-orders?limit=1'),
      adminGet('/reward-orders?state=pending_claim&limit=1'),
      adminGet(`/wallets/${FUNDED}`),
    ]);
    const stocks: Record<string, number | null> = {};
    let total = 0;
    for (let offset = 0; offset === 0 || offset < total; offset += 200) {
      const page = await adminGet(`/rewards-catalog?active=all&limit=200&offset=${offset}`);
      total = page.total;
      for (const reward of page.rewards as Array<{ id: string; stock: number | null }>) stocks[reward.id] = reward.stock;
      if (page.rewards.length === 0) break;
    }
    const balances = Object.values(wallet.balances as Record<string, number>);
    return {
      orders: orders.total,
      pending: pendingOrders.total,
      rewards: total,
      stocks,
      balance: balances.reduce((sum, value) => sum + value, 0),
    };
  }

  async function pricesOf(rewardId: string): Promise<Price[]> {
    const known = rewardPrices.get(rewardId);
    if (known) return known;
    const reward = await adminGet(`/rewards-catalog/${rewardId}`);
    const prices = (reward.purchase?.prices ?? []) as Price[];
    rewardPrices.set(rewardId, prices);
    return prices;
  }

  async function grant(body: Json): Promise<any> {
    const response = await call(stack.adminUrl, 'POST', adminPath('/grants'), { headers: adminHeaders(), json: body });
    if (response.status !== 201) throw new Error(`setup grant failed: ${response.status} ${preview(response.body)}`);
    return response.body;
  }

  beforeAll(async () => {
    tenant = await createTenant(stack);
    serviceToken = userToken(tenant.jwt_secret, { sub: 'fuzz-service', tenant_id: tenant.id, role: 'service' }, { expiresIn: 7_200 });
    for (const kind of Object.keys(SEED_BODIES) as RewardKind[]) {
      const response = await call(stack.adminUrl, 'POST', adminPath('/rewards-catalog'), { headers: adminHeaders(), json: SEED_BODIES[kind] });
      if (response.status !== 201) throw new Error(`setup reward ${kind}: ${response.status} ${preview(response.body)}`);
      const prices = (response.body.purchase?.prices ?? []) as Price[];
      seeds[kind] = { id: response.body.id, kind, slug: response.body.slug, prices };
      rewardPrices.set(response.body.id, prices);
    }
    await credit(stack, tenant, FUNDED, 'gold', 1_000_000);
    await credit(stack, tenant, FUNDED, 'gems', 1_000);
    await credit(stack, tenant, OTHER, 'gold', 100);
    // Pending claims: the claimable reward always waits; the limited one waits for its phone number.
    const owners = [FUNDED, FUNDED, FUNDED, FUNDED, FUNDED, FUNDED, OTHER, OTHER];
    for (const [i, owner] of owners.entries()) {
      const granted = await grant({ user_id: owner, reward_id: seeds.claimable.id, source_type: 'fuzz_setup', source_ref: `claimable-${i}` });
      expect(granted.order.status.state).toBe('pending_claim');
      pending.push({ id: granted.order.id, owner, kind: 'claimable' });
    }
    const waiting = await grant({ user_id: FUNDED, reward_id: seeds.limited.id, source_type: 'fuzz_setup', source_ref: 'limited-0' });
    expect(waiting.order.status.state).toBe('pending_claim');
    pending.push({ id: waiting.order.id, owner: FUNDED, kind: 'limited' });
    if (mode === 'distributed') {
      db = new Client({ connectionString: stack.databaseUrl });
      await db.connect();
    }
  });

  afterAll(async () => {
    await db?.end();
  });

  /**
   * Runs the property: snapshot, request, snapshot, then (a), (b) and (c). A snapshot taken
   * after a case is the one before the next (nothing else writes to this tenant).
   */
  async function fuzz(
    name: string,
    cases: fc.Arbitrary<FuzzCase>,
    send: (c: FuzzCase) => Promise<ApiResponse>,
    onSuccess: (c: FuzzCase, response: ApiResponse, before: Snapshot, report: Report) => Promise<Delta>,
  ): Promise<void> {
    let last: Snapshot | undefined;
    let successes = 0;
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const before = last ?? (await snapshot());
        last = undefined;
        const response = await send(c);
        const after = await snapshot();
        last = after;
        const report: Report = {
          mode,
          request: `${name}${c.target !== '' ? ` [${preview(c.target)}]` : ''} ${describePayload(c.payload)}`,
          status: response.status,
          response: response.body,
        };
        if (response.status >= 500) {
          const diff = differences(before, after);
          const state = `  state:    ${diff.length === 0 ? 'unchanged (no partial write)' : diff.join('; ')}`;
          check(false, `(a) ${response.status}: a server error`, report, `${state}\n${await logExcerpt(stack.logFile, response.body)}`);
        }
        let delta: Delta = {};
        if (response.status >= 200 && response.status < 300) {
          successes++;
          delta = await onSuccess(c, response, before, report);
        } else {
          failures++;
          check(isErrorShape(response.status, response.body), '(b) a non-2xx answer without the error shape {statusCode, error, code, message}', report);
        }
        const diff = differences(expectedAfter(before, delta), after);
        check(
          diff.length === 0,
          response.status < 300 ? '(c) the success changed more or less than it should' : '(c) a partial write: the refused request changed state',
          report,
          `  state:    ${diff.join('; ')}`,
        );
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    // Not an assertion on the server: a guard that the generators reach both outcomes.
    expect({ name, successes: successes > 0, failures: failures > 0 }).toEqual({ name, successes: true, failures: true });
  }

  /** A purchase or grant answer: a new order, or the replay of one (then nothing changes). */
  function checkOrderResult(response: ApiResponse, report: Report): { order: any; cached: boolean } {
    const body = response.body as Json | undefined;
    const order = body?.['order'] as Json | undefined;
    check(typeof body?.['was_cached'] === 'boolean' && typeof order?.['id'] === 'string', 'a 2xx without {order, was_cached}', report);
    return { order, cached: body['was_cached'] as boolean };
  }

  it(
    `purchase: ${RUNS} fuzzed bodies and slugs`,
    async () => {
      const purchasable: RewardKind[] = ['limited', 'unlimited', 'claimable'];
      const currencies = (kind: RewardKind) => (seeds[kind].prices.length > 0 ? seeds[kind].prices.map((p) => p.currency) : ['gold']);
      // The same purchase again and again: its first answer (order or error) is replayed, changing nothing.
      const replay = (kind: RewardKind): Json => ({
        user_id: FUNDED,
        idempotency_key: `replay-${kind}`,
        currency: currencies(kind)[0],
        ...(kind === 'limited' ? { fields: { phone: PHONE } } : {}),
      });
      const validFor = (kind: RewardKind): fc.Arbitrary<Json> =>
        fc.oneof(
          {
            weight: 9,
            arbitrary: fc.record(
              {
                user_id: fc.oneof({ weight: 9, arbitrary: fc.constant(FUNDED) }, { weight: 1, arbitrary: userIdArb }),
                idempotency_key: fc.uuid(),
                currency: fc.constantFrom(...currencies(kind)),
                fields: validFields(kind),
                variant_id: variantIdArb,
              },
              { requiredKeys: ['user_id', 'idempotency_key', 'currency'] },
            ) as fc.Arbitrary<Json>,
          },
          { weight: 1, arbitrary: fc.constant(replay(kind)) },
        );
      const keys = ['user_id', 'idempotency_key', 'currency', 'fields', 'variant_id'];
      const paths = [...keys.map((k) => [k]), ['fields', 'phone'], ['fields', 'note'], ['fields', 'size'], ['fields', 'address']];
      const target = fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...purchasable).map((kind) => ({ slug: seeds[kind].slug, kind })) },
        { weight: 1, arbitrary: fc.constant({ slug: 'no-such-reward', kind: 'unlimited' as RewardKind }) },
        { weight: 1, arbitrary: badPathSegment.map((slug) => ({ slug, kind: 'limited' as RewardKind })) },
      );
      const cases = target.chain(({ slug, kind }) => payloads(validFor(kind), keys, paths).map((payload): FuzzCase => ({ target: slug, payload })));

      await fuzz(
        'POST /v1/rewards/purchase/{slug}',
        cases,
        (c) =>
          call(stack.queryUrl, 'POST', `/v1/rewards/purchase/${pathSegment(c.target)}`, {
            headers: serviceHeaders(),
            rawBody: c.payload.kind === 'json' ? (JSON.stringify(c.payload.value) ?? '') : c.payload.text,
          }),
        async (c, response, before, report) => {
          check(response.status === 200, 'a purchase succeeded with a status other than 200', report);
          const { order, cached } = checkOrderResult(response, report);
          if (cached) return {};
          const body = sentBody(c.payload);
          check(order.user_id === body['user_id'], 'the order is not for the user in the body', report);
          const price = (await pricesOf(order.reward_id)).find((p) => p.currency === body['currency']);
          check(price !== undefined, 'a purchase succeeded in a currency the reward has no price in', report);
          const state = order.status.state as string;
          const debited = mode === 'distributed' || order.user_id === FUNDED;
          return {
            orders: 1,
            pending: state === 'pending_claim' ? 1 : 0,
            outbox: state === 'fulfilling' ? 2 : 1,
            ledger: 1,
            balance: debited ? -price.amount : 0,
            stocks: stockTaken(before, order.reward_id),
          };
        },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    `grants: ${RUNS} fuzzed bodies`,
    async () => {
      const rewardChoice = fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...(Object.keys(seeds) as RewardKind[])).map((kind) => ({ id: seeds[kind].id, kind })) },
        { weight: 1, arbitrary: fc.uuid({ version: 4 }).map((id) => ({ id, kind: 'unlimited' as RewardKind })) },
      );
      // The same grant again and again (keyed by source and reward): one order, then replays.
      const replays = (Object.keys(seeds) as RewardKind[]).map(
        (kind): Json => ({ user_id: FUNDED, reward_id: seeds[kind].id, source_type: 'replay', source_ref: `replay-${kind}` }),
      );
      const fresh = rewardChoice.chain(({ id, kind }) =>
        fc.record(
          {
            user_id: userIdArb,
            reward_id: fc.constant(id),
            source_type: fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/).filter((s) => s !== 'purchase'),
            source_ref: fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' })),
            expires_at: futureIso,
            fields: validFields(kind),
            source_name: fc.string({ maxLength: 100 }),
            source_context: fc.string({ maxLength: 100 }),
            metadata: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
            idempotency_key: fc.uuid(),
            variant_id: variantIdArb,
          },
          { requiredKeys: ['user_id', 'reward_id', 'source_type', 'source_ref'] },
        ),
      ) as fc.Arbitrary<Json>;
      const valid = fc.oneof({ weight: 9, arbitrary: fresh }, { weight: 1, arbitrary: fc.constantFrom(...replays) });
      const keys = [
        'user_id', 'reward_id', 'source_type', 'source_ref', 'expires_at', 'fields', 'source_name', 'source_context', 'metadata',
        'idempotency_key', 'variant_id',
      ];
      const paths = [...keys.map((k) => [k]), ['fields', 'phone'], ['fields', 'code'], ['metadata', 'nested'], ['metadata', '__proto__']];
      const cases = payloads(valid, keys, paths).map((payload): FuzzCase => ({ target: '', payload }));
      const kindOf = new Map(Object.values(seeds).map((seed) => [seed.id, seed.kind]));

      await fuzz(
        'POST /v1/tenants/{tenant}/grants',
        cases,
        (c) =>
          call(stack.adminUrl, 'POST', adminPath('/grants'), {
            headers: adminHeaders(),
            rawBody: c.payload.kind === 'json' ? (JSON.stringify(c.payload.value) ?? '') : c.payload.text,
          }),
        async (c, response, before, report) => {
          check(response.status === 201, 'a grant succeeded with a status other than 201', report);
          const { order, cached } = checkOrderResult(response, report);
          if (cached) return {};
          const body = sentBody(c.payload);
          check(order.user_id === body['user_id'] && order.reward_id === body['reward_id'], 'the order is not the one granted', report);
          const state = order.status.state as string;
          const kind = kindOf.get(order.reward_id);
          // New pending orders join the claim fuzzer's pool.
          if (state === 'pending_claim' && (kind === 'limited' || kind === 'claimable')) pending.push({ id: order.id, owner: order.user_id, kind });
          return {
            orders: 1,
            pending: state === 'pending_claim' ? 1 : 0,
            outbox: state === 'fulfilling' ? 2 : 1,
            stocks: stockTaken(before, order.reward_id),
          };
        },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    `claims: ${RUNS} fuzzed bodies and order ids`,
    async () => {
      const pool = [...pending];
      const target = fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...pool).map((order) => ({ id: order.id, order: order as PendingOrder | undefined })) },
        { weight: 1, arbitrary: fc.constantFrom(...pool).map((order) => ({ id: order.id.toUpperCase(), order: order as PendingOrder | undefined })) },
        { weight: 1, arbitrary: fc.uuid({ version: 4 }).map((id) => ({ id, order: undefined as PendingOrder | undefined })) },
        { weight: 1, arbitrary: badPathSegment.map((id) => ({ id, order: undefined as PendingOrder | undefined })) },
      );
      const validFor = (order: PendingOrder | undefined) =>
        fc.record(
          {
            user_id: order ? fc.oneof({ weight: 9, arbitrary: fc.constant(order.owner) }, { weight: 1, arbitrary: userIdArb }) : userIdArb,
            fields: validFields(order?.kind ?? 'claimable'),
          },
          { requiredKeys: ['user_id'] },
        ) as fc.Arbitrary<Json>;
      const keys = ['user_id', 'fields'];
      const paths = [['user_id'], ['fields'], ['fields', 'address'], ['fields', 'code'], ['fields', 'phone'], ['fields', 'note']];
      const cases = target.chain(({ id, order }) => payloads(validFor(order), keys, paths).map((payload): FuzzCase => ({ target: id, payload })));

      await fuzz(
        'POST /v1/rewards/orders/{order_id}/claim',
        cases,
        (c) =>
          call(stack.queryUrl, 'POST', `/v1/rewards/orders/${pathSegment(c.target)}/claim`, {
            headers: serviceHeaders(),
            rawBody: c.payload.kind === 'json' ? (JSON.stringify(c.payload.value) ?? '') : c.payload.text,
          }),
        async (c, response, _before, report) => {
          check(response.status === 200, 'a claim succeeded with a status other than 200', report);
          const order = (response.body as Json | undefined)?.['order'] as any;
          check(typeof order?.id === 'string' && order.id.toLowerCase() === c.target.toLowerCase(), 'a claim answered with another order', report);
          check(order.status?.state === 'fulfilling', 'a claimed order is not fulfilling', report);
          check(order.user_id === sentBody(c.payload)['user_id'], 'a claim succeeded for a user who does not own the order', report);
          return { pending: -1, outbox: 2 };
        },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    `reward create: ${RUNS} fuzzed bodies`,
    async () => {
      const fieldName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/);
      const label = fc.string({ minLength: 1, maxLength: 40 });
      const textField = fc
        .record(
          {
            name: fieldName,
            label,
            required: fc.boolean(),
            type: fc.constant('text'),
            pattern: fc.constantFrom('^\\d+$', '[A-Z]{3}-\\d{4}', '^\\+251[0-9]{9}$', '.*', '\\w+@\\w+\\.\\w+'),
            lengths: fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 50, max: 2000 })),
            multiline: fc.boolean(),
            placeholder: fc.string({ maxLength: 40 }),
          },
          { requiredKeys: ['name', 'label', 'type'] },
        )
        .map(({ lengths, ...field }) => (lengths ? { ...field, min_length: lengths[0], max_length: lengths[1] } : field));
      const selectField = fc.record({
        name: fieldName,
        label,
        required: fc.boolean(),
        type: fc.constant('select'),
        options: fc.uniqueArray(fc.record({ value: fc.string({ minLength: 1, maxLength: 20 }), label }), {
          minLength: 1,
          maxLength: 4,
          selector: (o) => o.value,
        }),
      });
      const currency = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);
      const fulfillment = fc.oneof(
        fc.record({ type: fc.constant('wallet'), item_type: fc.constant('currency'), currency, amount: fc.integer({ min: 1, max: 1_000_000 }) }),
        fc.record({ type: fc.constant('wallet'), item_type: fc.constant('xp'), amount: fc.integer({ min: 1, max: 1_000_000 }) }),
        fc.record({ type: fc.constant('wallet'), item_type: fc.constant('badge'), item_id: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,30}$/) }),
        fc.record({ type: fc.constant('manual'), notes: fc.string({ maxLength: 100 }) }, { requiredKeys: ['type'] }),
        fc.record(
          {
            type: fc.constant('api'),
            retry: fc.record({
              max_attempts: fc.integer({ min: 1, max: 20 }),
              backoff_seconds: fc.array(fc.integer({ min: 0, max: 7 * 24 * 3600 }), { minLength: 1, maxLength: 5 }),
            }),
          },
          { requiredKeys: ['type'] },
        ),
      );
      const prices = fc.uniqueArray(fc.record({ currency, amount: fc.integer({ min: 1, max: 1_000_000 }) }), {
        minLength: 1,
        maxLength: 3,
        selector: (p) => p.currency,
      });
      const slug = fc.oneof(
        { weight: 6, arbitrary: fc.uuid().map((u) => `fz-${u.slice(0, 13)}`) },
        { weight: 1, arbitrary: fc.constantFrom(...Object.values(SEED_BODIES).map((b) => b['slug'] as string)) },
        { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,99}$/) },
      );
      const valid = fc.record(
        {
          slug,
          name: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0),
          description: fc.option(fc.string({ maxLength: 200 }), { nil: null }),
          image_url: fc.option(fc.webUrl(), { nil: null }),
          active: fc.boolean(),
          fields: fc.uniqueArray(fc.oneof(textField, selectField), { maxLength: 3, selector: (f) => f.name }),
          fulfillment,
          requires_claim: fc.boolean(),
          purchase: fc.option(fc.record({ prices }), { nil: null }),
          stock: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
          config: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
        },
        { requiredKeys: ['slug', 'name', 'fulfillment'] },
      ) as fc.Arbitrary<Json>;
      const keys = ['slug', 'name', 'description', 'image_url', 'active', 'fields', 'fulfillment', 'requires_claim', 'purchase', 'stock', 'config'];
      const paths = [
        ...keys.map((k) => [k]),
        ['fields', '0'], ['fields', '0', 'name'], ['fields', '0', 'type'], ['fields', '0', 'pattern'], ['fields', '0', 'min_length'],
        ['fields', '0', 'options'], ['fulfillment', 'type'], ['fulfillment', 'item_type'], ['fulfillment', 'amount'],
        ['fulfillment', 'retry', 'backoff_seconds'], ['purchase', 'prices'], ['purchase', 'prices', '0', 'amount'],
        ['purchase', 'prices', '0', 'currency'], ['config', 'nested'], ['config', '__proto__'],
      ];
      const cases = payloads(valid, keys, paths).map((payload): FuzzCase => ({ target: '', payload }));

      await fuzz(
        'POST /v1/tenants/{tenant}/rewards-catalog',
        cases,
        (c) =>
          call(stack.adminUrl, 'POST', adminPath('/rewards-catalog'), {
            headers: adminHeaders(),
            rawBody: c.payload.kind === 'json' ? (JSON.stringify(c.payload.value) ?? '') : c.payload.text,
          }),
        async (c, response, before, report) => {
          check(response.status === 201, 'a reward was created with a status other than 201', report);
          const reward = response.body as Json;
          check(typeof reward['id'] === 'string' && !(reward['id'] in before.stocks), 'a 201 without a new reward id', report);
          check(reward['slug'] === sentBody(c.payload)['slug'], 'the reward has another slug than the one sent', report);
          const prices = ((reward['purchase'] as { prices?: Price[] } | null)?.prices ?? []) as Price[];
          rewardPrices.set(reward['id'] as string, prices);
          return { rewards: 1, stocks: { [reward['id'] as string]: (reward['stock'] as number | null) ?? null } };
        },
      );
    },
    TEST_TIMEOUT_MS,
  );
});
