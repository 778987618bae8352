import { GrantQueries, STORED_GRANT_COLUMNS, migrateClickHouse } from '@phoenix/analytics';
import type { GrantList } from '@phoenix/contracts';
import { rawCount, settleMerges, useDatabase, type Chdb } from './chdb';

/** The gateway's default page (GrantHistoryQuerySchema: limit 50, offset 0). */
const PAGE = { limit: 50, offset: 0 };
const FILL_CHUNK_ROWS = 1_000_000;

/** Synthetic grants: user k belongs to tenant k mod T, and has about grants/users grants. */
export interface Dataset {
  tenants: string[];
  users: number;
  grants: number;
}

export interface UserRef {
  tenantId: string;
  userId: string;
}

export function userRef(dataset: Dataset, k: number): UserRef {
  return { tenantId: dataset.tenants[k % dataset.tenants.length] ?? '', userId: `user_${k}` };
}

/** A fixed-seed sample (mulberry32), so every path reads the very same users. */
export function sampleUsers(dataset: Dataset, count: number, seed: number): UserRef[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => userRef(dataset, Math.floor(next() * dataset.users)));
}

const literal = (values: string[]) => `[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;

/**
 * Rows as the ingester writes them, generated inside ClickHouse (no data crosses into
 * JavaScript): grant times over 400 days, five source types, 200 rewards of four delivery
 * kinds, mostly completed orders. Row n belongs to user n mod users.
 */
function fillSql(dataset: Dataset, from: number, count: number): string {
  return `INSERT INTO default.grants (tenant_id, user_id, grant_time, order_id, grant_id, source_type, source_id, source_name,
      source_context, item_id, item_name, reward_type, payload, metadata, state, version, updated_at)
    SELECT
      ${literal(dataset.tenants)}[1 + (number % ${dataset.users}) % ${dataset.tenants.length}] AS tenant_id,
      concat('user_', toString(number % ${dataset.users})) AS user_id,
      toDateTime64('2025-01-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(intHash64(number) % 34560000000) AS grant_time,
      toString(generateUUIDv4(number)) AS order_id,
      order_id AS grant_id,
      ['leaderboard', 'streak', 'achievement', 'coupon', 'purchase'][1 + intHash32(number) % 5] AS source_type,
      if(source_type = 'purchase', order_id, concat(source_type, '-', toString(intDiv(intHash32(number), 256) % 997))) AS source_id,
      ['Weekly leaderboard', 'Login streak', 'First win', 'Partner coupon', ''][1 + intHash32(number) % 5] AS source_name,
      ['season-3', 'day-7', 'pvp', 'campaign-summer', ''][1 + intHash32(number) % 5] AS source_context,
      lower(concat('00000000-0000-4000-8000-', leftPad(hex(intHash64(number) % 200), 12, '0'))) AS item_id,
      concat('Reward ', toString(intHash64(number) % 200)) AS item_name,
      ['currency', 'xp', 'manual', 'api'][1 + (intHash64(number) % 200) % 4] AS reward_type,
      multiIf(reward_type = 'currency', concat('{"currency":"gold","amount":', toString(100 * (1 + number % 5)), '}'),
              reward_type = 'xp', '{"amount":250}',
              reward_type = 'api', concat('{"type":"api","external_id":"ext-', toString(intHash32(number)), '"}'),
              '{}') AS payload,
      '{"campaign":"bench"}' AS metadata,
      multiIf(number % 20 = 0, 'failed', number % 10 = 1, 'fulfilling', 'completed') AS state,
      toUInt32(if(state = 'fulfilling', 1, 2)) AS version,
      grant_time + toIntervalSecond(90) AS updated_at
    FROM numbers(${from}, ${count})`;
}

export interface FillResult {
  rows: number;
  seconds: number;
  parts: number;
  mergeWaitSeconds: number;
}

/**
 * Fills `default.grants` (the database the services use) in chunks of a million rows, on the
 * bare session: the client's session may still carry an insert_deduplication_token set by the
 * ingester (chDB keeps per-query settings), which would silently drop repeated chunks.
 */
export async function fillGrants(chdb: Chdb, dataset: Dataset, mergeWaitSeconds: number): Promise<FillResult> {
  await useDatabase(chdb, 'default');
  await migrateClickHouse(chdb.client);
  const started = performance.now();
  for (let from = 0; from < dataset.grants; from += FILL_CHUNK_ROWS) {
    await chdb.raw.queryAsync(fillSql(dataset, from, Math.min(FILL_CHUNK_ROWS, dataset.grants - from)));
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = await rawCount(chdb, 'default.grants');
  if (rows !== dataset.grants) throw new Error(`fill: default.grants has ${rows} rows, expected ${dataset.grants}`);
  const settled = await settleMerges(chdb, 'default', 'grants', mergeWaitSeconds * 1000);
  return { rows, seconds, parts: settled.parts, mergeWaitSeconds: settled.waitedMs / 1000 };
}

/** GrantQueries.list's two statements, copied: the page of rows and the total. */
const ROWS_SQL = `SELECT ${STORED_GRANT_COLUMNS} FROM grants FINAL WHERE tenant_id = {tenant_id:String} AND user_id = {user_id:String}
         ORDER BY grant_time DESC, order_id DESC LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;
const COUNT_SQL = `SELECT count() AS total FROM grants FINAL WHERE tenant_id = {tenant_id:String} AND user_id = {user_id:String}`;

/** The baseline: the same SQL and parameters straight into the bare chDB session; rows stay bytes. */
async function baselineQuery(chdb: Chdb, user: UserRef): Promise<number> {
  const params = { tenant_id: user.tenantId, user_id: user.userId };
  const [, count] = await Promise.all([
    chdb.raw.queryBindAsync(ROWS_SQL, { ...params, ...PAGE }, { format: 'JSONEachRow' }),
    chdb.raw.queryBindAsync(COUNT_SQL, params, { format: 'JSONEachRow' }),
  ]);
  return Number((JSON.parse(count.text()) as { total: string }).total);
}

async function libraryQuery(queries: GrantQueries, user: UserRef): Promise<number> {
  const list: GrantList = await queries.list({ tenantId: user.tenantId, userId: user.userId }, PAGE.limit, PAGE.offset);
  return list.total;
}

export interface InProcessResult {
  baseline: number[];
  library: number[];
  /** Each sampled user's total, to check the gateway answers the same. */
  totals: Map<string, number>;
}

export const userKey = (user: UserRef) => `${user.tenantId}/${user.userId}`;

type QueryPath = 'baseline' | 'library';

/**
 * Runs the sample on the given paths. With both, they alternate per user (and which goes first
 * alternates too), so machine noise and cache state fall on both alike, and both must find the
 * same total.
 */
export async function measureInProcess(chdb: Chdb, warmup: UserRef[], sample: UserRef[], paths: QueryPath[] = ['baseline', 'library']): Promise<InProcessResult> {
  await useDatabase(chdb, 'default');
  const queries = new GrantQueries(chdb.client);
  const run = (path: QueryPath, user: UserRef) => (path === 'baseline' ? baselineQuery(chdb, user) : libraryQuery(queries, user));
  for (const user of warmup) for (const path of paths) await run(path, user);
  const result: InProcessResult = { baseline: [], library: [], totals: new Map() };
  for (const [index, user] of sample.entries()) {
    const order = index % 2 === 0 ? paths : [...paths].reverse();
    const totals: number[] = [];
    for (const path of order) {
      const started = performance.now();
      totals.push(await run(path, user));
      result[path].push(performance.now() - started);
    }
    if (new Set(totals).size > 1) throw new Error(`${userKey(user)}: baseline and GrantQueries.list disagree on the total (${totals.join(' vs ')})`);
    result.totals.set(userKey(user), totals[0] ?? 0);
  }
  return result;
}

export interface GatewayResult {
  latencies: number[];
  /** Answers that were not a 200 with the total the in-process query found. */
  mismatches: string[];
}

/**
 * The full path a client app takes: HTTP to the query gateway (JWT check, validation), RPC to
 * grants-analytics, GrantQueries on its chDB, and back. One request at a time on a kept-alive
 * connection, as the in-process paths run one query at a time.
 */
export async function measureGateway(queryUrl: string, tokens: Map<string, string>, warmup: UserRef[], sample: UserRef[], totals: Map<string, number>): Promise<GatewayResult> {
  const get = async (user: UserRef) => {
    const response = await fetch(`${queryUrl}/v1/orders/user/${encodeURIComponent(user.userId)}`, {
      headers: { authorization: `Bearer ${tokens.get(user.tenantId) ?? ''}` },
    });
    return { status: response.status, body: (await response.json()) as Partial<GrantList> };
  };
  for (const user of warmup) await get(user);
  const result: GatewayResult = { latencies: [], mismatches: [] };
  for (const user of sample) {
    const started = performance.now();
    const { status, body } = await get(user);
    result.latencies.push(performance.now() - started);
    if (status !== 200 || body.total !== totals.get(userKey(user))) {
      result.mismatches.push(`${userKey(user)}: HTTP ${status}, total ${body.total} (in process ${totals.get(userKey(user))})`);
    }
  }
  return result;
}
