// P1 and P1w (../shared/PERFORMANCE.md): the catalog list through the query gateway, with and
// without `balance`, in both run modes, each against a raw node:http server returning the same
// bytes, measured in alternating rounds of the same run.
// Needs a build (`npm run build`), Postgres on 127.0.0.1:5432 for the distributed stack and a
// Kafka broker (`npm run kafka:start`, or KAFKA_BROKERS).
// Usage: npm run bench:catalog [-- --seconds 5 --rounds 3 --warmup 2 --connections 32 --users 200 --mode standalone|distributed]
import { adminDatabaseUrl, assertPostgresReachable, call, createTenant, createTestDatabase, credit, startStack, userToken, type RunningStack, type RunMode, type TestTenant } from '@phoenix/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Cleanup } from './cleanup';
import { runClosedLoop, type Operation, type RunResult } from './purchase/closed-loop';
import { childProcesses, measureCpu, type CpuReport, type ProcessGroups } from './purchase/cpu';
import { KeepAliveClient } from './purchase/http-client';
import { printScenario, type Measured } from './purchase/report';

const WORKSPACE = resolve(__dirname, '../..');
/** Whose build the stack runs: another checkout's (its dist/apps) to measure it against the same baseline. */
const STACK_ROOT = resolve(process.env['PHOENIX_BENCH_ROOT'] ?? WORKSPACE);
const APPS = ['admin-gateway', 'query-gateway', 'rewards-catalog', 'order-fulfillment', 'grants-analytics'] as const;
const REWARDS = 20;
const CURRENCY = 'gold';
const BALANCE = 1_000;

interface Options {
  seconds: number;
  rounds: number;
  warmup: number;
  connections: number;
  users: number;
  modes: RunMode[];
}

interface Scenario {
  id: 'P1' | 'P1w';
  title: string;
  path: string;
  target: Record<RunMode, string>;
}

const SCENARIOS: Scenario[] = [
  {
    id: 'P1',
    title: `P1 GET /v1/rewards/catalog?limit=${REWARDS}&balance=${BALANCE} (${REWARDS} rewards, user JWT)`,
    path: `/v1/rewards/catalog?limit=${REWARDS}&balance=${BALANCE}`,
    target: { distributed: '≥ 0.4× the raw server', standalone: '≥ 0.25× the raw server' },
  },
  {
    id: 'P1w',
    title: `P1w GET /v1/rewards/catalog?limit=${REWARDS} (affordability from the caller's wallet)`,
    path: `/v1/rewards/catalog?limit=${REWARDS}`,
    target: { distributed: '≥ 0.1× the raw server', standalone: '≥ 0.05× the raw server' },
  },
];

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '32' },
      users: { type: 'string', default: '200' },
      mode: { type: 'string', multiple: true },
    },
  });
  const whole = (name: string, value: string | undefined, min: number): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got ${value}`);
    return number;
  };
  const modes = (values.mode ?? ['distributed', 'standalone']) as RunMode[];
  for (const mode of modes) if (mode !== 'distributed' && mode !== 'standalone') throw new Error(`--mode must be standalone or distributed, got ${mode}`);
  return {
    seconds: whole('seconds', values.seconds, 1),
    rounds: whole('rounds', values.rounds, 1),
    warmup: whole('warmup', values.warmup, 0),
    connections: whole('connections', values.connections, 1),
    users: whole('users', values.users, 1),
    modes,
  };
}

interface ModeHarness {
  mode: RunMode;
  stack: RunningStack;
  databaseName?: string;
  tokens: string[];
}

async function startMode(mode: RunMode, options: Options, cleanup: Cleanup): Promise<ModeHarness> {
  let databaseUrl: string | undefined;
  let databaseName: string | undefined;
  if (mode === 'distributed') {
    await assertPostgresReachable();
    const database = await createTestDatabase('phoenix_bench');
    cleanup.add(`drop database ${database.name}`, () => database.drop());
    databaseUrl = database.url;
    databaseName = database.name;
  }
  const started = performance.now();
  const stack = await startStack(mode, { workspaceRoot: STACK_ROOT, ...(databaseUrl ? { databaseUrl } : {}), env: { LOG_LEVEL: 'warn' } });
  cleanup.add(`stop ${mode} stack`, () => stack.stop());
  console.log(`${mode} stack up in ${((performance.now() - started) / 1000).toFixed(1)} s (log: ${stack.logFile})`);

  const tenant = await createTenant(stack);
  await inBatches(Array.from({ length: REWARDS }, (_, i) => i), (i) => createReward(stack.adminUrl, tenant, i));
  const users = Array.from({ length: options.users }, (_, i) => `catalog_user_${String(i).padStart(4, '0')}`);
  // The same balance for everyone: every caller gets the same bytes, which the raw server replays.
  await inBatches(users, (user) => credit(stack, tenant, user, CURRENCY, BALANCE));
  const tokens = users.map((sub) => userToken(tenant.jwt_secret, { sub, tenant_id: tenant.id }, { expiresIn: 3600 }));
  return { mode, stack, ...(databaseName ? { databaseName } : {}), tokens };
}

/** Prices spread around the balance: some rewards affordable, some not, as in a real catalog. */
async function createReward(adminUrl: string, tenant: TestTenant, index: number): Promise<void> {
  const response = await call(adminUrl, 'POST', `/v1/tenants/${tenant.id}/rewards-catalog`, {
    headers: { 'x-api-key': tenant.api_key },
    json: {
      slug: `catalog-bench-${String(index).padStart(2, '0')}`,
      name: `Catalog reward ${index}`,
      description: 'Created by npm run bench:catalog',
      image_url: `https://example.com/rewards/${index}.png`,
      fields: index % 3 === 0 ? [{ name: 'phone_number', label: 'Phone', required: true, type: 'text', pattern: '\\+?[0-9]{6,15}' }] : [],
      fulfillment: { type: 'manual' },
      purchase: { prices: [{ currency: CURRENCY, amount: 100 * (index + 1) }] },
      stock: index % 2 === 0 ? 1_000 : null,
      config: { tier: index % 4 },
    },
  });
  if (response.status !== 201) throw new Error(`reward ${index} creation failed: ${response.status} ${JSON.stringify(response.body)}`);
}

async function inBatches<T>(items: T[], action: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 32) await Promise.all(items.slice(i, i + 32).map(action));
}

/** The gateway's answer to `path`, which the raw server will give byte for byte; two callers must get the same bytes. */
async function record(harness: ModeHarness, path: string): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const answers = await Promise.all(
    [0, harness.tokens.length - 1].map(async (i) => {
      const response = await fetch(`${harness.stack.queryUrl}${path}`, { headers: { authorization: `Bearer ${harness.tokens[i]}` } });
      if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? 'application/json' };
    }),
  );
  const [first, last] = answers as [(typeof answers)[number], (typeof answers)[number]];
  if (!first.body.equals(last.body)) throw new Error(`${path}: two callers got different bodies; the raw server could not stand in for both`);
  return { body: first.body, headers: { 'content-type': first.contentType } };
}

async function startRawServer(recorded: { body: Buffer; headers: Record<string, string> }, cleanup: Cleanup): Promise<{ url: string; pid: number }> {
  const file = join(mkdtempSync(join(tmpdir(), 'phoenix-bench-raw-')), 'response.json');
  writeFileSync(file, JSON.stringify({ body: recorded.body.toString('base64'), headers: recorded.headers }));
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'catalog/raw-server.mjs'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanup.add('raw server', () => child.kill('SIGTERM'));
  const port = await new Promise<string>((resolvePort, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolvePort(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`raw server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0 };
}

function processGroups(harness: ModeHarness, rawPid: number, monitor: Client | null): () => Promise<ProcessGroups> {
  return async () => {
    const groups: ProcessGroups = { bench: [process.pid], 'raw server': [rawPid] };
    if (harness.mode === 'standalone') {
      groups['standalone'] = [harness.stack.pid];
    } else {
      const children = childProcesses(harness.stack.pid);
      for (const app of APPS) groups[app] = children.filter((child) => child.cmdline.includes(`/${app}/main.js`)).map((child) => child.pid);
      if (monitor && harness.databaseName) {
        const { rows } = await monitor.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [harness.databaseName]);
        groups['postgres'] = rows.map((row) => row.pid);
      }
    }
    return Object.fromEntries(Object.entries(groups).filter(([, pids]) => pids.length > 0));
  };
}

function getter(client: KeepAliveClient, path: string, tokens: string[]): Operation {
  const headers = tokens.map((token) => ({ authorization: `Bearer ${token}` }));
  return async (index) => {
    const answer = await client.get(path, headers[index % headers.length] as Record<string, string>);
    return { ok: answer.status === 200, label: `HTTP ${answer.status}`, detail: answer.body };
  };
}

/** Several rounds of one side, taken as one run: counts and latencies pooled, CPU weighted by time. */
function pooled(label: string, rounds: Array<{ run: RunResult; cpu: CpuReport }>): Measured {
  const latencies = Float64Array.from(rounds.flatMap((round) => [...round.run.latencies])).sort();
  const outcomes = new Map<string, number>();
  for (const { run } of rounds) for (const [key, count] of run.outcomes) outcomes.set(key, (outcomes.get(key) ?? 0) + count);
  const elapsedMs = rounds.reduce((sum, { run }) => sum + run.elapsedMs, 0);
  const weighted = (value: (round: { run: RunResult; cpu: CpuReport }) => number) =>
    rounds.reduce((sum, round) => sum + value(round) * round.run.elapsedMs, 0) / elapsedMs;
  const labels = [...new Set(rounds.flatMap((round) => round.cpu.shares.map((share) => share.label)))];
  return {
    label,
    run: {
      completed: rounds.reduce((sum, { run }) => sum + run.completed, 0),
      ok: latencies.length,
      elapsedMs,
      latencies,
      outcomes,
      failures: rounds.flatMap(({ run }) => run.failures).slice(0, 5),
    },
    cpu: {
      shares: labels.map((shareLabel) => ({ label: shareLabel, cores: weighted((round) => round.cpu.shares.find((share) => share.label === shareLabel)?.cores ?? 0) })),
      machineBusy: weighted((round) => round.cpu.machineBusy),
      elsewhere: weighted((round) => round.cpu.elsewhere),
    },
  };
}

async function runScenario(harness: ModeHarness, scenario: Scenario, options: Options, monitor: Client | null, cleanup: Cleanup): Promise<void> {
  const recorded = await record(harness, scenario.path);
  const raw = await startRawServer(recorded, cleanup);
  const gatewayClient = new KeepAliveClient(harness.stack.queryUrl, options.connections);
  const rawClient = new KeepAliveClient(raw.url, options.connections);
  cleanup.add('http agents', () => {
    gatewayClient.close();
    rawClient.close();
  });
  const sides = [
    { label: `gateway (${harness.mode})`, operation: getter(gatewayClient, scenario.path, harness.tokens), rounds: [] as Array<{ run: RunResult; cpu: CpuReport }> },
    { label: 'baseline (raw node:http)', operation: getter(rawClient, scenario.path, harness.tokens), rounds: [] as Array<{ run: RunResult; cpu: CpuReport }> },
  ];
  console.log(`${scenario.id} ${harness.mode}: ${recorded.body.length} bytes per answer; ${options.rounds} rounds of ${options.seconds} s per side, alternating`);
  for (const side of sides) if (options.warmup > 0) await runClosedLoop(options.connections, options.warmup, side.operation);
  for (let round = 0; round < options.rounds; round += 1) {
    for (const side of sides) {
      const { result, cpu } = await measureCpu(processGroups(harness, raw.pid, monitor), () => runClosedLoop(options.connections, options.seconds, side.operation));
      side.rounds.push({ run: result, cpu });
    }
  }
  const [gateway, baseline] = sides.map((side) => pooled(side.label, side.rounds)) as [Measured, Measured];
  printScenario({ title: `${scenario.title}, ${harness.mode}, ${options.connections} connections`, gateway, baseline, target: scenario.target[harness.mode] });
  gatewayClient.close();
  rawClient.close();
}

async function main(): Promise<void> {
  const options = parseOptions();
  const cleanup = new Cleanup();
  cleanup.onInterrupt();
  try {
    const monitor = options.modes.includes('distributed') ? new Client({ connectionString: adminDatabaseUrl() }) : null;
    if (monitor) {
      await monitor.connect();
      cleanup.add('monitor connection', () => monitor.end());
    }
    console.log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`);
    console.log('Noisy shared machine: compare the same-run ratios, not absolute figures. Rounds alternate gateway and raw server.');
    for (const mode of options.modes) {
      const harness = await startMode(mode, options, cleanup);
      for (const scenario of SCENARIOS) await runScenario(harness, scenario, options, monitor, cleanup);
      await harness.stack.stop();
    }
  } finally {
    await cleanup.run();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
