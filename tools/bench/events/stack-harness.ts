import { assertPostgresReachable, createTestDatabase, startStack, type AppName, type RunningStack, type TestDatabase } from '@phoenix/testing';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Cleanup } from '../cleanup';

const APPS: readonly AppName[] = ['admin-gateway', 'query-gateway', 'rewards-catalog', 'order-fulfillment', 'grants-analytics'];

/** The benchmark measures the built apps, as they are deployed; it never builds them itself. */
export function assertBuilt(workspace: string): void {
  const bundles = APPS.map((app) => join(workspace, 'dist/apps', app, 'main.js'));
  const missing = bundles.filter((file) => !existsSync(file));
  if (missing.length) {
    throw new Error(`No build: ${missing.join(', ')} missing. Run \`npm run build\` first (the benchmark runs the built apps).`);
  }
  const built = Math.min(...bundles.map((file) => statSync(file).mtimeMs));
  const edited = Math.max(...['apps', 'libs'].map((dir) => newestSource(join(workspace, dir))));
  if (edited > built) console.log('note: some sources are newer than dist/apps; run `npm run build` to measure them in the stack.');
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|sql)$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export interface BenchStack {
  stack: RunningStack;
  database: TestDatabase;
  topic: string;
  group: string;
}

/**
 * A fresh distributed stack on a fresh Postgres database, with our own topic and consumer group
 * (to delete them afterwards) and a data directory we choose: its `chdb` folder may already
 * hold the P6 grants, written by this process before it let go of chDB.
 */
export async function startBenchStack(workspace: string, dataDir: string, env: Record<string, string>, cleanup: Cleanup): Promise<BenchStack> {
  await assertPostgresReachable();
  const database = await createTestDatabase('phoenix_bench');
  cleanup.add(`drop database ${database.name}`, () => database.drop());
  const topic = env['ORDER_EVENTS_TOPIC'] ?? '';
  const group = env['INGEST_GROUP_ID'] ?? '';
  const stack = await startStack('distributed', { workspaceRoot: workspace, databaseUrl: database.url, dataDir, env }).catch((error: Error) => {
    if (/kafka/i.test(error.message)) error.message += '\n\nThe stack needs a Kafka broker: `npm run kafka:start`, or KAFKA_BROKERS=host:port.';
    throw error;
  });
  cleanup.add('stop stack', async () => {
    const code = await stack.stop();
    // The log folder is kept when something went wrong, for the post-mortem.
    if (code !== 0 && code !== null) console.error(`stack exited with ${code}; its log: ${stack.logFile}`);
    else rmSync(dirname(stack.logFile), { recursive: true, force: true });
  });
  return { stack, database, topic, group };
}

/** The pid of one app of a distributed stack (a child of the launcher), for its memory. */
export function appPid(stack: RunningStack, app: AppName): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== stack.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`/${app}/main.js`)) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return undefined;
}

/** CPU seconds a process has used so far (utime + stime of /proc/<pid>/stat, in USER_HZ = 100). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Waits until a process has used under `cores` for two seconds in a row, up to a deadline.
 * grants-analytics may first merge the parts of the P6 table it inherited: P4 and the gateway
 * queries should not pay for that start-up work.
 */
export async function waitIdle(pid: number, timeoutMs: number, cores = 0.15): Promise<{ waitedMs: number; cores: number }> {
  const started = performance.now();
  let quiet = 0;
  let last = cpuSeconds(pid);
  let used = Number.NaN;
  while (quiet < 2 && performance.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = cpuSeconds(pid);
    used = now - last;
    last = now;
    quiet = used < cores ? quiet + 1 : 0;
  }
  return { waitedMs: performance.now() - started, cores: used };
}
