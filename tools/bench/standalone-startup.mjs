#!/usr/bin/env node
// P7: standalone start-up time (first run on a new DATA_DIR, then a restart) and idle RSS.
// Needs a build (`npm run build`). Usage: npm run bench:startup [-- --runs 3] [-- --restarts 3] [-- --baseline DIR] [-- --baseline-node PATH]
// Each run is a first start on a new DATA_DIR, then --restarts restarts on it: restarts are cheap and
// noisy, so each run times several and the median is taken over all of them.
// --baseline names the root of another build (e.g. a worktree of the commit before a change,
// built there): its runs alternate with this build's, so both see the same noisy machine.
// --baseline-node runs the baseline on another Node binary (e.g. `--baseline . --baseline-node
// /usr/bin/node`: this build on the system's Node against the same build on this Node).
// Each run starts with an empty compile cache (NODE_COMPILE_CACHE: a new temp folder per run), as
// a new build or machine does: its first start compiles and writes it, its restarts read it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, restarts: { type: 'string', default: '3' }, baseline: { type: 'string' }, 'baseline-node': { type: 'string' } } });
const runs = Number(values.runs);
const restarts = Number(values.restarts);

/** Ports free right now: never the defaults, which another standalone on this machine may hold. */
async function freePorts(count) {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise((ok) => { const server = createServer().listen(0, '127.0.0.1', () => ok(server)); })),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((ok) => server.close(ok))));
  return ports;
}

/** Until `/health/ready` answers 200 on one of `urls` (a gateway's operations port, or its public port in builds before it). */
async function ready(...urls) {
  for (;;) {
    for (const url of urls) {
      try {
        if ((await fetch(`${url}/health/ready`)).ok) return;
      } catch {
        // not yet
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

const INTERNAL_PORTS = [
  'REWARDS_CATALOG_HTTP_PORT', 'REWARDS_CATALOG_PORT',
  'ORDER_FULFILLMENT_HTTP_PORT', 'ORDER_FULFILLMENT_PORT',
  'GRANTS_ANALYTICS_HTTP_PORT', 'GRANTS_ANALYTICS_PORT',
];

async function start(build, dataDir, compileCache) {
  const [query, admin, queryOps, adminOps, ...internal] = await freePorts(4 + INTERNAL_PORTS.length);
  const env = {
    ...process.env,
    QUERY_GATEWAY_PORT: String(query),
    ADMIN_GATEWAY_PORT: String(admin),
    QUERY_GATEWAY_OPS_PORT: String(queryOps),
    ADMIN_GATEWAY_OPS_PORT: String(adminOps),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_COMPILE_CACHE: compileCache,
  };
  for (const name of INTERNAL_PORTS) delete env[name];
  // Builds before in-process RPC open every service port, by default on 3010…4030: give them free ones.
  if (build.internalPorts) INTERNAL_PORTS.forEach((name, i) => (env[name] = String(internal[i])));
  const started = performance.now();
  const child = spawn(build.node, [join(build.root, 'dist/apps/standalone/main.js')], { env, stdio: 'ignore' });
  const url = (port) => `http://127.0.0.1:${port}`;
  await Promise.all([ready(url(queryOps), url(query)), ready(url(adminOps), url(admin))]);
  return { child, seconds: (performance.now() - started) / 1000 };
}

function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

async function stop(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function measure(build) {
  const dataDir = mkdtempSync(join(tmpdir(), 'phoenix-bench-'));
  const compileCache = mkdtempSync(join(tmpdir(), 'phoenix-bench-compile-cache-'));
  const first = await start(build, dataDir, compileCache);
  await new Promise((r) => setTimeout(r, 5_000));
  const firstRss = rssMb(first.child.pid);
  await stop(first.child);
  const restartSeconds = [];
  let againRss = 0;
  for (let i = 0; i < restarts; i++) {
    const again = await start(build, dataDir, compileCache);
    restartSeconds.push(again.seconds);
    // Idle RSS once, after the last restart.
    if (i === restarts - 1) {
      await new Promise((r) => setTimeout(r, 5_000));
      againRss = rssMb(again.child.pid);
    }
    await stop(again.child);
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(compileCache, { recursive: true, force: true });
  return { first: first.seconds, restarts: restartSeconds, firstRss, againRss };
}

const builds = [{ name: 'this build', root: process.cwd(), node: process.execPath, internalPorts: false, rows: [] }];
if (values.baseline) {
  const node = values['baseline-node'] ? resolve(values['baseline-node']) : process.execPath;
  builds.unshift({ name: 'baseline', root: resolve(values.baseline), node, internalPorts: true, rows: [] });
}
for (const build of builds) console.log(`${build.name}: ${build.root} on node ${spawnSync(build.node, ['--version'], { encoding: 'utf8' }).stdout.trim()}`);
for (let i = 0; i < runs; i++) {
  for (const build of builds) {
    const row = await measure(build);
    build.rows.push(row);
    console.log(`${build.name} run ${i + 1}: first start ${row.first.toFixed(2)} s (idle RSS ${row.firstRss.toFixed(0)} MB), restarts ${row.restarts.map((s) => s.toFixed(2)).join(' ')} s (idle RSS ${row.againRss.toFixed(0)} MB)`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const medians = builds.map(({ rows }) => ({
  first: median(rows.map((r) => r.first)),
  restart: median(rows.flatMap((r) => r.restarts)),
  rss: median(rows.map((r) => r.againRss)),
}));
const cells = (pick, digits, unit) => medians.map((m) => `${pick(m).toFixed(digits).padStart(7)} ${unit}`.padEnd(13)).join('');
console.log(`\nP7 standalone (median)        ${builds.map((b) => b.name.padEnd(13)).join('')}target`);
console.log(`first start, new DATA_DIR     ${cells((m) => m.first, 2, 's')}< 10 s`);
console.log(`restart, same DATA_DIR        ${cells((m) => m.restart, 2, 's')}< 2 s   (median of ${runs * restarts} restarts)`);
console.log(`idle RSS after restart        ${cells((m) => m.rss, 0, 'MB')}< 450 MB`);
if (medians.length === 2) {
  const [before, after] = medians;
  console.log(`ratio this build / baseline   restart ${(after.restart / before.restart).toFixed(2)}×, idle RSS ${(after.rss / before.rss).toFixed(2)}×`);
}
