// P4, P5 and P6 (../shared/PERFORMANCE.md): the order events pipeline, Postgres outbox → relay →
// Kafka → grants-analytics → ClickHouse (chDB) → grant history, each figure beside its same-run
// baseline. Needs a build (`npm run build`), Postgres on 127.0.0.1:5432 (TEST_DATABASE_URL
// overrides), Java and Maven for the local Kafka broker it starts (`npm run kafka:start`).
//
// Order of work: P5 and the in-process half of P6 run first, on this process's chDB; then this
// process lets go of chDB and hands its data directory to a fresh distributed stack, which
// serves P4 and the gateway half of P6 from the very table the baseline read.
// Usage: npm run bench:events [-- --help]
import './sql-files';
import { deadLetterTopic } from '@phoenix/platform';
import { createTenant, userToken } from '@phoenix/testing';
import type { Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CatalogConfigSchema } from '../../../apps/rewards-catalog/src/config';
import { openChdb } from './chdb';
import { Cleanup } from '../cleanup';
import { fillGrants, measureGateway, measureInProcess, sampleUsers, type Dataset, type UserRef } from './history';
import { measureIngest, type IngestResult } from './ingest';
import { deleteTopicsAndGroups, kafkaClient, startKafka } from './kafka';
import { measureKafkaRoundTrip } from './kafka-round-trip';
import { measureLag } from './lag';
import { parseOptions, type Options } from './options';
import { printHistory, printIngest, printLag, type HistoryReport, type LagReport } from './report';
import { appPid, assertBuilt, startBenchStack, waitIdle } from './stack-harness';
import { memoryMb, seconds } from './stats';

const WORKSPACE = resolve(__dirname, '../../..');
/** Warm-up users per P6 path: caches, JIT and connections, not measured. */
const P6_WARMUP = 30;
/** Longest wait for grants-analytics to finish its start-up work (merges of inherited parts). */
const IDLE_WAIT_MS = 30_000;

interface Results {
  lag?: LagReport;
  ingest?: IngestResult;
  history?: HistoryReport;
}

interface Run {
  options: Options;
  kafka: Kafka;
  cleanup: Cleanup;
  /** The stack's DATA_DIR; this process's chDB lives in its `chdb` folder until the hand-over. */
  dataDir: string;
  results: Results;
}

/** What the gateway half of P6 needs from the in-process half. */
interface HistoryState {
  dataset: Dataset;
  warmup: UserRef[];
  sample: UserRef[];
}

const log = (line: string) => console.log(`· ${line}`);

function printMachine(): void {
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, load average ${load}`);
  console.log('Figures are noisy on a shared machine; the ratios to the same-run baselines are what to compare.');
}

/** P5, then the fill and in-process queries of P6, on one chDB engine that is then closed. */
async function inProcessPhase(run: Run): Promise<HistoryState | undefined> {
  const { options, cleanup, results } = run;
  const chdb = openChdb(join(run.dataDir, 'chdb'));
  let open = true;
  cleanup.add('close chDB', () => (open ? chdb.close() : undefined));
  if (options.sections.has('p5')) {
    results.ingest = await measureIngest({ chdb, kafka: run.kafka, cleanup, events: options.events, batch: options.batch, log });
  }
  let state: HistoryState | undefined;
  if (options.sections.has('p6')) {
    const id = randomBytes(3).toString('hex');
    const dataset: Dataset = {
      tenants: Array.from({ length: options.tenants }, (_, i) => `bench_p6_${id}_${i}`),
      users: options.users,
      grants: options.grants,
    };
    log(`P6: filling ${dataset.grants} grants…`);
    const fill = await fillGrants(chdb, dataset, options.mergeWaitSeconds);
    log(`P6: filled in ${fill.seconds.toFixed(1)} s, ${fill.parts} parts; RSS ${memoryMb().rss.toFixed(0)} MB`);
    state = { dataset, warmup: sampleUsers(dataset, P6_WARMUP, 7), sample: sampleUsers(dataset, options.queries, 42) };
    const inProcess = await measureInProcess(chdb, state.warmup, state.sample);
    const memory = memoryMb();
    results.history = { users: dataset.users, tenants: dataset.tenants.length, fill, inProcess, memory: { benchRss: memory.rss, benchPeak: memory.peak } };
    results.history.gatewaySkipped = 'the stack did not get that far';
    log('P6: in-process queries done');
  }
  await chdb.close();
  open = false;
  return state;
}

/** The relay's poll interval as rewards-catalog will read it (flag, inherited env or its default). */
function outboxPoll(options: Options): LagReport['outboxPoll'] {
  if (options.outboxPollMs !== undefined) return { ms: options.outboxPollMs, source: 'set with --outbox-poll-ms' };
  const inherited = process.env['OUTBOX_POLL_MS'];
  const value = CatalogConfigSchema.shape.OUTBOX_POLL_MS.parse(inherited) as number;
  return { ms: value, source: inherited ? 'OUTBOX_POLL_MS from the environment' : 'the service default' };
}

async function stackPhase(run: Run, history: HistoryState | undefined): Promise<void> {
  const { options, cleanup, results } = run;
  const id = randomBytes(4).toString('hex');
  const env: Record<string, string> = { ORDER_EVENTS_TOPIC: `bench.order-events.${id}`, INGEST_GROUP_ID: `bench-grants-analytics-${id}`, LOG_LEVEL: 'warn' };
  if (options.outboxPollMs !== undefined) env['OUTBOX_POLL_MS'] = String(options.outboxPollMs);
  // Registered before the stack, so it runs after the stack has stopped (cleanup is last-in first-out).
  cleanup.add('delete the stack topic', () => deleteTopicsAndGroups(run.kafka, [env['ORDER_EVENTS_TOPIC'] ?? '', deadLetterTopic(env['ORDER_EVENTS_TOPIC'] ?? '')], [env['INGEST_GROUP_ID'] ?? '']));
  const started = performance.now();
  const { stack, database } = await startBenchStack(WORKSPACE, run.dataDir, env, cleanup);
  log(`distributed stack up in ${seconds(started)} (log: ${stack.logFile})`);
  const analytics = appPid(stack, 'grants-analytics');
  if (analytics !== undefined) {
    const idle = await waitIdle(analytics, IDLE_WAIT_MS);
    log(`grants-analytics idle after ${(idle.waitedMs / 1000).toFixed(1)} s (${idle.cores.toFixed(2)} cores in the last second)`);
  }

  if (options.sections.has('p4')) {
    const result = await measureLag(stack, database.url, options);
    log('P4: done; baseline: the raw Kafka round trip of the same envelopes…');
    const baseline = await measureKafkaRoundTrip(run.kafka, cleanup, options);
    const { orders, rate, pollMs, visibleTimeoutMs, maxLookups } = options;
    results.lag = { result, baseline, orders, rate, pollMs, visibleTimeoutMs, maxLookups, outboxPoll: outboxPoll(options), historyRows: history?.dataset.grants ?? 0 };
    log('P4: baseline done');
  }
  if (history && results.history) {
    const tokens = new Map<string, string>();
    for (const tenantId of history.dataset.tenants) {
      const tenant = await createTenant(stack, { id: tenantId });
      tokens.set(tenantId, userToken(tenant.jwt_secret, { sub: 'bench-p6', tenant_id: tenantId, role: 'service' }, { expiresIn: 3600 }));
    }
    results.history.gateway = await measureGateway(stack.queryUrl, tokens, history.warmup, history.sample, results.history.inProcess.totals);
    delete results.history.gatewaySkipped;
    if (analytics !== undefined) results.history.memory.analyticsRss = memoryMb(analytics).rss;
    log('P6: gateway queries done');
    await stack.stop();
    results.history.baselineAfter = await baselineAgain(run.dataDir, history);
    log('P6: baseline measured again on the same files');
  }
}

/**
 * The gateway was measured minutes after the baseline, in another process: the baseline runs
 * again once the stack has let go of the files, so drift on a shared machine shows.
 */
async function baselineAgain(dataDir: string, history: HistoryState): Promise<number[]> {
  const chdb = openChdb(join(dataDir, 'chdb'));
  try {
    return (await measureInProcess(chdb, history.warmup, history.sample, ['baseline'])).baseline;
  } finally {
    await chdb.close();
  }
}

function printResults(results: Results): void {
  if (results.lag) printLag(results.lag);
  if (results.ingest) printIngest(results.ingest);
  if (results.history) printHistory(results.history);
}

async function main(): Promise<void> {
  const began = performance.now();
  const options = parseOptions();
  const needsStack = options.sections.has('p4') || options.sections.has('p6');
  if (needsStack) assertBuilt(WORKSPACE);
  const cleanup = new Cleanup();
  cleanup.onInterrupt();
  const results: Results = {};
  try {
    printMachine();
    log(await startKafka(WORKSPACE));
    const root = mkdtempSync(join(tmpdir(), 'phoenix-bench-events-'));
    cleanup.add(`remove ${root}`, () => rmSync(root, { recursive: true, force: true }));
    const run: Run = { options, kafka: kafkaClient('bench-events'), cleanup, dataDir: join(root, 'stack-data'), results };
    const history = await inProcessPhase(run);
    if (needsStack) await stackPhase(run, history);
  } finally {
    printResults(results);
    console.log('');
    await cleanup.run();
    console.log(`bench:events finished in ${seconds(began)} (cleanup included)`);
  }
}

main().then(
  // Kafka clients, keep-alive sockets and chDB's threads would otherwise keep the process up.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
