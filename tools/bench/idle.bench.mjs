#!/usr/bin/env node
// idle: CPU used by an idle standalone and by each idle distributed app (targets ≤ 0.01 and
// ≤ 0.005 cores). Starts the build on a fresh DATA_DIR (distributed: a throwaway database, its
// own topic and groups on KAFKA_BROKERS), lets it settle, then reads utime + stime of each
// process from /proc over the measuring window. Needs a build (`npm run build`); distributed
// needs Postgres (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432) and Kafka.
// Usage: npm run bench:idle [-- --mode standalone|distributed|both] [--settle 60] [--measure 30]
//                           [--baseline <another build's dist/apps>]   (measured in the same run)
// The settle is a minute: for about that long after start-up V8's memory reducer still runs full
// collections of the heap the start left (measured: a standalone 0.024-0.027 cores settled 10 s,
// 0.007 settled 60 s), which is start-up work, not what an idle process keeps costing.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'both' },
    settle: { type: 'string', default: '60' },
    measure: { type: 'string', default: '30' },
    dist: { type: 'string', default: 'dist/apps' },
    baseline: { type: 'string' },
  },
});
const settleMs = Number(values.settle) * 1000;
const measureMs = Number(values.measure) * 1000;
const modes = values.mode === 'both' ? ['standalone', 'distributed'] : [values.mode];
const TARGETS = { standalone: 0.01, app: 0.005 };
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

async function portsEnv() {
  const names = [
    'QUERY_GATEWAY_PORT', 'ADMIN_GATEWAY_PORT', 'QUERY_GATEWAY_OPS_PORT', 'ADMIN_GATEWAY_OPS_PORT', 'PGLITE_PORT',
    'REWARDS_CATALOG_HTTP_PORT', 'REWARDS_CATALOG_PORT',
    'ORDER_FULFILLMENT_HTTP_PORT', 'ORDER_FULFILLMENT_PORT',
    'GRANTS_ANALYTICS_HTTP_PORT', 'GRANTS_ANALYTICS_PORT',
  ];
  const env = {};
  for (const name of names) env[name] = String(await freePort());
  return env;
}

/** The process and its descendants (a launcher's children count). */
function processTree(pid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  return tree;
}

/** utime + stime of the processes, in seconds. */
function cpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
    } catch {
      // gone meanwhile
    }
  }
  return ticks / CLOCK_TICKS;
}

/** Cores used by each named process tree over the measuring window, after the settling time. */
async function measure(named) {
  await new Promise((r) => setTimeout(r, settleMs));
  const trees = Object.fromEntries(Object.entries(named).map(([name, pid]) => [name, processTree(pid)]));
  const before = Object.fromEntries(Object.entries(trees).map(([name, pids]) => [name, cpuSeconds(pids)]));
  const started = performance.now();
  await new Promise((r) => setTimeout(r, measureMs));
  const seconds = (performance.now() - started) / 1000;
  return Object.fromEntries(Object.entries(trees).map(([name, pids]) => [name, (cpuSeconds(pids) - before[name]) / seconds]));
}

/** Until `/health/ready` answers 200 on one of `urls` (a gateway's operations port, or its public port in builds before it). */
async function ready(urls, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('the process exited during start-up');
    for (const url of urls) {
      try {
        if ((await fetch(`${url}/health/ready`)).ok) return;
      } catch {
        // not yet
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${urls[0]} was not ready in time`);
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function standalone(dist) {
  const dataDir = mkdtempSync(join(tmpdir(), 'phoenix-idle-'));
  const env = { ...process.env, ...(await portsEnv()), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.KAFKA_BROKERS;
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [join(dist, 'standalone', 'main.js')], { env, stdio: 'ignore' });
  try {
    const at = (port) => `http://127.0.0.1:${port}`;
    await ready([at(env.QUERY_GATEWAY_OPS_PORT), at(env.QUERY_GATEWAY_PORT)], child);
    await ready([at(env.ADMIN_GATEWAY_OPS_PORT), at(env.ADMIN_GATEWAY_PORT)], child);
    return await measure({ standalone: child.pid });
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function distributed(dist) {
  const database = `phoenix_idle_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'phoenix-idle-'));
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const suffix = randomBytes(4).toString('hex');
  const env = {
    ...process.env,
    ...(await portsEnv()),
    PHOENIX_DIST: dist,
    DATABASE_URL: url.toString(),
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ORDER_EVENTS_TOPIC: `bench.idle.${suffix}`,
    INGEST_GROUP_ID: `bench-idle-ingest-${suffix}`,
    FULFILLMENT_GROUP_ID: `bench-idle-fulfillment-${suffix}`,
  };
  const launcher = spawn(process.execPath, ['tools/scripts/start-distributed.mjs'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const pids = await new Promise((resolveReady, reject) => {
      let out = '';
      launcher.stdout.on('data', (chunk) => {
        out += chunk;
        const line = out.split('\n').find((l) => l.startsWith('PHOENIX_READY '));
        if (line) resolveReady(JSON.parse(line.slice('PHOENIX_READY '.length)).pids);
      });
      launcher.once('exit', () => reject(new Error('start-distributed exited before the apps were ready')));
    });
    return await measure(pids);
  } finally {
    await stop(launcher);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const builds = { this: resolve(values.dist), ...(values.baseline ? { baseline: resolve(values.baseline) } : {}) };
const results = {};
for (const mode of modes) {
  for (const [label, dist] of Object.entries(builds)) {
    console.error(`measuring ${mode} (${label}: ${dist}) …`);
    const cores = mode === 'standalone' ? await standalone(dist) : await distributed(dist);
    for (const [name, value] of Object.entries(cores)) (results[name] ??= {})[label] = value;
  }
}

console.log(`\nidle CPU, cores (settled ${values.settle} s, measured over ${values.measure} s)`);
console.log(`${'process'.padEnd(20)}${'this build'.padStart(12)}${values.baseline ? 'baseline'.padStart(12) : ''}${'target'.padStart(10)}`);
for (const [name, byBuild] of Object.entries(results)) {
  const target = name === 'standalone' ? TARGETS.standalone : TARGETS.app;
  const cell = (v) => (v === undefined ? '—' : v.toFixed(4)).padStart(12);
  console.log(`${name.padEnd(20)}${cell(byBuild.this)}${values.baseline ? cell(byBuild.baseline) : ''}${`≤ ${target}`.padStart(10)}`);
}
