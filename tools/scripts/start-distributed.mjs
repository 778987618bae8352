#!/usr/bin/env node
// Starts the five apps from the build (dist/apps/*/main.js) as separate processes against a
// real Postgres: the distributed mode, for local use and for the end-to-end tests.
// Env: the apps' own variables (see README), plus PHOENIX_DIST (default ./dist/apps).
// Each app's readiness is read on its operations port (health and metrics).
// Prints `PHOENIX_READY {...}` once every app answers /health/ready; SIGTERM stops them all.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';

const env = { ...process.env };
const dist = resolve(env.PHOENIX_DIST ?? 'dist/apps');
env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/phoenix';
env.KAFKA_BROKERS ??= '127.0.0.1:9092'; // the local broker of `npm run kafka:start`
const host = env.HOST && env.HOST !== '0.0.0.0' ? env.HOST : '127.0.0.1';

const port = (name, fallback) => Number(env[name] ?? fallback);
const apps = [
  { name: 'rewards-catalog', health: port('REWARDS_CATALOG_HTTP_PORT', 3010) },
  { name: 'order-fulfillment', health: port('ORDER_FULFILLMENT_HTTP_PORT', 3020) },
  { name: 'grants-analytics', health: port('GRANTS_ANALYTICS_HTTP_PORT', 3030) },
  { name: 'query-gateway', health: port('QUERY_GATEWAY_OPS_PORT', 3100) },
  { name: 'admin-gateway', health: port('ADMIN_GATEWAY_OPS_PORT', 3101) },
];

function platformKey() {
  if (env.PHOENIX_PLATFORM_KEY) return;
  const dataDir = resolve(env.DATA_DIR ?? '.phoenix-data');
  const file = join(dataDir, 'credentials.json');
  mkdirSync(dataDir, { recursive: true });
  if (existsSync(file)) {
    env.PHOENIX_PLATFORM_KEY = JSON.parse(readFileSync(file, 'utf8')).platform_key;
  } else {
    env.PHOENIX_PLATFORM_KEY = `phx_platform_${randomBytes(32).toString('base64url')}`;
    writeFileSync(file, `${JSON.stringify({ platform_key: env.PHOENIX_PLATFORM_KEY }, null, 2)}\n`, { mode: 0o600 });
    console.error(`platform key generated and kept in ${file}`);
  }
}

/** Creates the database named in DATABASE_URL when the server does not have it yet. */
async function ensureDatabase() {
  const url = new URL(env.DATABASE_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

const children = new Map();
let stopping = false;

// Extra Node flags for every app, e.g. PHOENIX_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' for
// one CPU profile per process (Node refuses --cpu-prof in NODE_OPTIONS).
const nodeArgs = (process.env.PHOENIX_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

function start(app) {
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', join(dist, app.name, 'main.js')], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.set(app.name, child);
  child.on('exit', (code, signal) => {
    children.delete(app.name);
    if (!stopping) {
      console.error(`${app.name} exited unexpectedly (code ${code}, signal ${signal}); stopping the others`);
      void stop(1);
    }
  });
}

async function waitReady(app, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!children.has(app.name)) throw new Error(`${app.name} exited during start-up`);
    try {
      const res = await fetch(`http://${host}:${app.health}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${app.name} was not ready within ${timeoutMs} ms`);
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  const exits = [...children.values()].map((child) => new Promise((r) => child.once('exit', r)));
  for (const child of children.values()) child.kill('SIGTERM');
  await Promise.all(exits);
  process.exit(code);
}

process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));

try {
  platformKey();
  await ensureDatabase();
  const started = Date.now();
  // Services first (the catalog applies migrations), then the gateways that call them.
  for (const app of apps.slice(0, 3)) start(app);
  await Promise.all(apps.slice(0, 3).map((app) => waitReady(app)));
  for (const app of apps.slice(3)) start(app);
  await Promise.all(apps.slice(3).map((app) => waitReady(app)));
  const ready = {
    query: `http://${host}:${port('QUERY_GATEWAY_PORT', 3000)}`,
    admin: `http://${host}:${port('ADMIN_GATEWAY_PORT', 3001)}`,
    pids: Object.fromEntries([...children].map(([name, child]) => [name, child.pid])),
    startup_ms: Date.now() - started,
  };
  console.log(`PHOENIX_READY ${JSON.stringify(ready)}`);
} catch (error) {
  console.error(`start-distributed: ${error.message}`);
  await stop(1);
}
