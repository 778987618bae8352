// P2 and P3 (../shared/PERFORMANCE.md): purchases through the query gateway of the distributed
// stack, against the same SQL transaction driven straight from `pg` in the same run.
// Needs a build (`npm run build`), Postgres on 127.0.0.1:5432 (TEST_DATABASE_URL overrides) and
// whatever else the distributed stack needs (a Kafka broker once the apps use one: KAFKA_BROKERS).
// Usage: npm run bench:purchase [-- --seconds 15 --warmup 2 --connections 32 --users 2000 --catalog-pool N]
import { adminDatabaseUrl, assertPostgresReachable, createTestDatabase, startStack, type RunningStack } from '@phoenix/testing';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Pool } from 'pg';
import { runClosedLoop, type Operation } from './purchase/closed-loop';
import { childProcesses, measureCpu, type ProcessGroups } from './purchase/cpu';
import { createFixture, CURRENCY, type Fixture } from './purchase/fixture';
import { KeepAliveClient } from './purchase/http-client';
import { printScenario, type Measured, type ScenarioReport } from './purchase/report';
import { purchaseWithSql } from './purchase/sql-purchase';
import { Cleanup } from './cleanup';

const WORKSPACE = resolve(__dirname, '../..');
/** Whose build the stack runs: another checkout's (its dist/apps) to measure it against the same baseline. */
const STACK_ROOT = resolve(process.env['PHOENIX_BENCH_ROOT'] ?? WORKSPACE);
const APPS = ['admin-gateway', 'query-gateway', 'rewards-catalog', 'order-fulfillment', 'grants-analytics'] as const;
const REWARDS = 100;
const HOT_STOCK = 1_000_000;
/** Far more than any run can spend at one gold a purchase, so no purchase fails for money. */
const FUNDS_PER_USER = 1_000_000_000;

interface Options {
  seconds: number;
  warmup: number;
  connections: number;
  users: number;
  /** DATABASE_POOL_SIZE of rewards-catalog; unset keeps the service default. */
  catalogPool?: number;
}

interface Scenario {
  id: 'P2' | 'P3';
  title: string;
  target: string;
  slugFor(index: number): string;
}

interface Harness {
  options: Options;
  stack: RunningStack;
  databaseName: string;
  fixture: Fixture;
  http: KeepAliveClient;
  pool: Pool;
  monitor: Client;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '32' },
      users: { type: 'string', default: '2000' },
      'catalog-pool': { type: 'string' },
    },
  });
  const options: Options = {
    seconds: positive('seconds', values.seconds),
    warmup: nonNegative('warmup', values.warmup),
    connections: positive('connections', values.connections),
    users: positive('users', values.users),
  };
  if (values['catalog-pool'] !== undefined) options.catalogPool = positive('catalog-pool', values['catalog-pool']);
  return options;
}

function positive(name: string, value: string | undefined): number {
  const number = nonNegative(name, value);
  if (number === 0) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return number;
}

function nonNegative(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`--${name} must be a whole number, got ${value}`);
  return number;
}

/** The benchmark measures the built apps, as they are deployed; it never builds them itself. */
function assertBuilt(): void {
  const missing = APPS.map((app) => join(STACK_ROOT, 'dist/apps', app, 'main.js')).filter((file) => !existsSync(file));
  if (missing.length) {
    console.error(`No build: ${missing.join(', ')} missing.\nRun \`npm run build\` first (the benchmark runs the built apps).`);
    process.exit(1);
  }
  const built = Math.min(...APPS.map((app) => statSync(join(STACK_ROOT, 'dist/apps', app, 'main.js')).mtimeMs));
  const edited = Math.max(...['apps', 'libs'].map((dir) => newestTs(join(STACK_ROOT, dir))));
  if (edited > built) console.log('note: some sources are newer than dist/apps; run `npm run build` to measure them.');
}

function newestTs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestTs(path));
    else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

async function setUp(options: Options, cleanup: Cleanup): Promise<Harness> {
  await assertPostgresReachable();
  const monitor = new Client({ connectionString: adminDatabaseUrl() });
  await monitor.connect();
  cleanup.add('monitor connection', () => monitor.end());
  const database = await createTestDatabase('phoenix_bench');
  cleanup.add(`drop database ${database.name}`, () => database.drop());

  const env: Record<string, string> = { LOG_LEVEL: 'warn' };
  if (options.catalogPool) env['DATABASE_POOL_SIZE'] = String(options.catalogPool);
  let started = performance.now();
  const stack = await startStack('distributed', { workspaceRoot: STACK_ROOT, databaseUrl: database.url, env }).catch((error: Error) => {
    if (/kafka/i.test(error.message)) error.message += '\n\nThe stack needs a Kafka broker: `npm run kafka:start`, or KAFKA_BROKERS=host:port.';
    throw error;
  });
  cleanup.add('stop stack', () => stack.stop());
  console.log(`distributed stack up in ${seconds(started)} (log: ${stack.logFile})`);

  started = performance.now();
  const fixture = await createFixture(stack, { rewards: REWARDS, users: options.users, fundsPerUser: FUNDS_PER_USER, hotStock: HOT_STOCK });
  console.log(`tenant ${fixture.tenant.id}: ${REWARDS} rewards + 1 hot one, ${options.users} users funded, in ${seconds(started)}`);

  const pool = new Pool({ connectionString: database.url, max: options.connections, application_name: 'bench-baseline' });
  // pool.end() resolves before the server has closed every backend, so the forced DROP DATABASE
  // may still terminate one: without a listener that error event would crash the process.
  let ending = false;
  pool.on('error', (error) => ending || console.error(`baseline pool: an idle connection failed: ${error.message}`));
  cleanup.add('baseline pool', () => {
    ending = true;
    return pool.end();
  });
  const http = new KeepAliveClient(stack.queryUrl, options.connections);
  cleanup.add('http agent', () => http.close());
  return { options, stack, databaseName: database.name, fixture, http, pool, monitor };
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** Request `index` of a run: users round-robin, so concurrent purchases never share a wallet row. */
function userFor(fixture: Fixture, index: number): string {
  return fixture.userIds[index % fixture.userIds.length];
}

/** A fixed scramble of the index: rewards spread evenly, and identically for gateway and baseline. */
function spread(index: number, size: number): number {
  return (Math.imul(index ^ (index >>> 16), 0x45d9f3b) >>> 0) % size;
}

function scenarios(fixture: Fixture, connections: number): Scenario[] {
  return [
    {
      id: 'P2',
      title: `P2 purchase, distinct users over ${fixture.slugs.length} rewards (unlimited stock), ${connections} connections`,
      target: `gateway ≥ 0.5× baseline throughput, gateway p99 < 50 ms at 32 connections`,
      slugFor: (index) => fixture.slugs[spread(index, fixture.slugs.length)],
    },
    {
      id: 'P3',
      title: `P3 purchase of one hot reward (limited stock) by distinct users, ${connections} connections`,
      target: `gateway ≥ 0.6× baseline throughput`,
      slugFor: () => fixture.hotSlug,
    },
  ];
}

function gatewayPurchase(harness: Harness, scenario: Scenario, phase: string): Operation {
  const { fixture, http } = harness;
  const headers = { authorization: `Bearer ${fixture.serviceToken}` };
  return async (index) => {
    const body = { user_id: userFor(fixture, index), idempotency_key: `${scenario.id}-gw-${phase}-${index}`, currency: CURRENCY };
    const answer = await http.postJson(`/v1/rewards/purchase/${scenario.slugFor(index)}`, headers, body);
    return { ok: answer.status >= 200 && answer.status < 300, label: `HTTP ${answer.status}`, detail: answer.body };
  };
}

function sqlPurchase(harness: Harness, scenario: Scenario, phase: string): Operation {
  const { fixture, pool } = harness;
  return async (index) => {
    await purchaseWithSql(pool, {
      tenantId: fixture.tenant.id,
      userId: userFor(fixture, index),
      slug: scenario.slugFor(index),
      idempotencyKey: `${scenario.id}-sql-${phase}-${index}`,
      currency: CURRENCY,
    });
    return { ok: true, label: 'committed' };
  };
}

/**
 * The processes whose CPU the report breaks down, looked up afresh each time (pool connections
 * come and go). Groups without a process (the apps, once the stack is stopped) are left out.
 */
function processGroups(harness: Harness): () => Promise<ProcessGroups> {
  return async (): Promise<ProcessGroups> => {
    const { rows } = await harness.monitor.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [harness.databaseName]);
    const children = childProcesses(harness.stack.pid);
    const pidsOf = (app: string) => children.filter((child) => child.cmdline.includes(`/${app}/main.js`)).map((child) => child.pid);
    const groups: ProcessGroups = { bench: [process.pid], postgres: rows.map((row) => row.pid) };
    // Every app, not only the two on the request path: event consumers work per purchase too.
    for (const app of APPS) groups[app] = pidsOf(app);
    if (children.length) groups['launcher'] = [harness.stack.pid];
    return Object.fromEntries(Object.entries(groups).filter(([, pids]) => pids.length > 0));
  };
}

async function measure(harness: Harness, label: string, operation: (phase: string) => Operation): Promise<Measured> {
  const { connections, warmup, seconds: duration } = harness.options;
  console.log(`  ${label}: ${warmup} s warm-up, ${duration} s measured…`);
  // Warm-up: JIT, connection pools, prepared statements and the gateway's credential cache.
  if (warmup > 0) await runClosedLoop(connections, warmup, operation('warm'));
  const { result, cpu } = await measureCpu(processGroups(harness), () => runClosedLoop(connections, duration, operation('run')));
  return { label, run: result, cpu };
}

/**
 * Waits until the outbox stops shrinking (empty, or no relay at work), so that events left by
 * one run are not relayed during the next one and charged to it.
 */
async function drainOutbox(harness: Harness, timeoutMs = 60_000): Promise<void> {
  const started = performance.now();
  const sql = 'SELECT count(*) AS n FROM catalog.outbox WHERE published_at IS NULL';
  const backlog = async () => Number((await harness.pool.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
  let last = await backlog();
  let progressAt = performance.now();
  while (last > 0 && performance.now() - started < timeoutMs && performance.now() - progressAt < 2_000) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await backlog();
    if (now < last) progressAt = performance.now();
    last = now;
  }
  if (performance.now() - started > 500) console.log(`  outbox: waited ${seconds(started)} for the relay (${last} events left unpublished)`);
}

/**
 * The gateway runs go first, with the whole stack up: whatever it does per purchase (the
 * outbox relay, event consumers) is part of the cost of the gateway path. The stack is then
 * stopped, so the baselines measure the SQL transaction alone instead of sharing the cores
 * with a relay publishing their events.
 */
async function runAll(harness: Harness): Promise<void> {
  const list = scenarios(harness.fixture, harness.options.connections);
  const gateway: Measured[] = [];
  for (const scenario of list) {
    console.log(`${scenario.id} through the gateway`);
    await drainOutbox(harness);
    gateway.push(await measure(harness, 'gateway (HTTP → RPC → SQL)', (phase) => gatewayPurchase(harness, scenario, phase)));
  }
  console.log('stopping the stack for the baselines');
  await harness.stack.stop();
  const reports: ScenarioReport[] = [];
  for (const [i, scenario] of list.entries()) {
    console.log(`${scenario.id} baseline`);
    const baseline = await measure(harness, 'baseline (pg, named prepared)', (phase) => sqlPurchase(harness, scenario, phase));
    reports.push({ title: scenario.title, gateway: gateway[i] as Measured, baseline, target: scenario.target });
  }
  reports.forEach(printScenario);
}

async function printMachine(harness: Harness): Promise<void> {
  const { rows } = await harness.monitor.query<{ version: string; fsync: string; commit: string }>(
    `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS commit`,
  );
  const pg = rows[0] ? `Postgres ${rows[0].version} (fsync ${rows[0].fsync}, synchronous_commit ${rows[0].commit})` : 'Postgres ?';
  console.log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${pg}`);
  console.log(`rewards-catalog pool: ${harness.options.catalogPool ?? 'service default (DATABASE_POOL_SIZE 10)'}; baseline pool: ${harness.options.connections}`);
  console.log('Numbers are noisy on a shared machine (load generator, services and Postgres share the cores; other');
  console.log('work on the box counts too): absolute figures move between runs, the same-run ratios are what to compare.');
  console.log('Order: gateway runs with the whole stack up (outbox relay and event consumers included), then the stack');
  console.log('is stopped and the baselines run on the same database.');
}

async function main(): Promise<void> {
  const options = parseOptions();
  assertBuilt();
  const cleanup = new Cleanup();
  cleanup.onInterrupt();
  try {
    const harness = await setUp(options, cleanup);
    await printMachine(harness);
    await runAll(harness);
  } finally {
    await cleanup.run();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
