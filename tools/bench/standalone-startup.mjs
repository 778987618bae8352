#!/usr/bin/env node
// P7: standalone start-up time (first run on a new DATA_DIR, then a restart) and idle RSS.
// Needs a build (`npm run build`). Usage: npm run bench:startup [-- --runs 3]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const ports = { QUERY_GATEWAY_PORT: '13900', ADMIN_GATEWAY_PORT: '13901' };

async function ready(url) {
  for (;;) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function start(dataDir) {
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/apps/standalone/main.js'], {
    env: {
      ...process.env,
      ...ports,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      REWARDS_CATALOG_HTTP_PORT: '13910', REWARDS_CATALOG_PORT: '13911',
      ORDER_FULFILLMENT_HTTP_PORT: '13920', ORDER_FULFILLMENT_PORT: '13921',
      GRANTS_ANALYTICS_HTTP_PORT: '13930', GRANTS_ANALYTICS_PORT: '13931',
    },
    stdio: 'ignore',
  });
  await Promise.all([ready(`http://127.0.0.1:${ports.QUERY_GATEWAY_PORT}`), ready(`http://127.0.0.1:${ports.ADMIN_GATEWAY_PORT}`)]);
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

const rows = [];
for (let i = 0; i < runs; i++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'phoenix-bench-'));
  const first = await start(dataDir);
  await new Promise((r) => setTimeout(r, 5_000));
  const firstRss = rssMb(first.child.pid);
  await stop(first.child);
  const again = await start(dataDir);
  await new Promise((r) => setTimeout(r, 5_000));
  const againRss = rssMb(again.child.pid);
  await stop(again.child);
  rmSync(dataDir, { recursive: true, force: true });
  rows.push({ first: first.seconds, restart: again.seconds, firstRss, againRss });
  console.log(`run ${i + 1}: first start ${first.seconds.toFixed(2)} s (idle RSS ${firstRss.toFixed(0)} MB), restart ${again.seconds.toFixed(2)} s (idle RSS ${againRss.toFixed(0)} MB)`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = {
  first: median(rows.map((r) => r.first)),
  restart: median(rows.map((r) => r.restart)),
  rss: median(rows.map((r) => r.againRss)),
};
console.log('\nP7 standalone (median)        measured    target');
console.log(`first start, new DATA_DIR     ${m.first.toFixed(2).padStart(6)} s    < 10 s`);
console.log(`restart, same DATA_DIR        ${m.restart.toFixed(2).padStart(6)} s    < 5 s`);
console.log(`idle RSS after restart        ${m.rss.toFixed(0).padStart(6)} MB   < 600 MB`);
