import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePorts } from './ports';
import { registerGateway } from './contract';

export type RunMode = 'standalone' | 'distributed';

export interface StackInfo {
  mode: RunMode;
  queryUrl: string;
  adminUrl: string;
  platformKey: string;
  adminJwtSecret: string;
  /** The operations port (health, metrics) of each of the five apps. */
  opsUrls: Record<AppName, string>;
  /** Where the three services take RPC calls (on 127.0.0.1), for gateways started beside the stack. */
  rpcPorts: Record<ServiceName, number>;
  /** Postgres the stack writes to (the embedded one's is internal to the process). */
  databaseUrl?: string;
  /** The SECRETS_KEY its apps seal secrets with (distributed; a standalone keeps its own in DATA_DIR). */
  secretsKey?: string;
  dataDir?: string;
  logFile: string;
  pid: number;
}

export interface RunningStack extends StackInfo {
  stop(): Promise<number | null>;
}

export interface StackOptions {
  workspaceRoot: string;
  /** Required for distributed mode. */
  databaseUrl?: string;
  /** Standalone only: reuse a data directory (restart tests). */
  dataDir?: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

/** The origin the test stacks allow through `CORS_ALLOWED_ORIGINS`. */
export const CONFIGURED_CORS_ORIGIN = 'https://console.phoenix.test';

export type ServiceName = 'rewards-catalog' | 'order-fulfillment' | 'grants-analytics';
export type AppName = 'admin-gateway' | 'query-gateway' | ServiceName;

export interface StackEnvironment {
  env: Record<string, string>;
  /** The HTTP side of each app: the gateways' public ports, the services' operations ports. */
  urls: Record<AppName, string>;
  /** The operations port of each app: health and metrics (a service's is its only HTTP port). */
  opsUrls: Record<AppName, string>;
  rpcPorts: Record<ServiceName, number>;
  adminJwtSecret: string;
  logDir: string;
}

/**
 * The environment of one test stack: free ports for every app, a fresh admin JWT secret,
 * its own Kafka topic and consumer group, a log folder. Shared by the stack launcher and
 * tests that supervise the apps one by one.
 */
export async function stackEnvironment(mode: RunMode, extra: Record<string, string> = {}): Promise<StackEnvironment> {
  const [query, admin, queryOps, adminOps, catalogHttp, catalogRpc, fulfillmentHttp, fulfillmentRpc, analyticsHttp, analyticsRpc] = await freePorts(10);
  const adminJwtSecret = `test-admin-secret-${randomBytes(24).toString('hex')}`;
  const logDir = mkdtempSync(join(tmpdir(), `phoenix-${mode}-`));
  const env: Record<string, string> = {
    ...withoutClickHouseServer(process.env as Record<string, string>),
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['PHOENIX_TEST_LOG_LEVEL'] ?? 'warn',
    HOST: '127.0.0.1',
    QUERY_GATEWAY_PORT: String(query),
    ADMIN_GATEWAY_PORT: String(admin),
    QUERY_GATEWAY_OPS_PORT: String(queryOps),
    ADMIN_GATEWAY_OPS_PORT: String(adminOps),
    // The docs tests read /docs on the public ports (distributed apps serve them only when asked).
    DOCS_PUBLIC: 'true',
    REWARDS_CATALOG_HTTP_PORT: String(catalogHttp),
    REWARDS_CATALOG_PORT: String(catalogRpc),
    ORDER_FULFILLMENT_HTTP_PORT: String(fulfillmentHttp),
    ORDER_FULFILLMENT_PORT: String(fulfillmentRpc),
    GRANTS_ANALYTICS_HTTP_PORT: String(analyticsHttp),
    GRANTS_ANALYTICS_PORT: String(analyticsRpc),
    ADMIN_JWT_SECRET: adminJwtSecret,
    // Distributed services need it; a standalone generates its own (DATA_DIR/credentials.json).
    ...(mode === 'distributed' ? { SECRETS_KEY: `test:${randomBytes(32).toString('base64')}` } : {}),
    // A broker may be shared by several stacks (parallel test runs): each gets its own topic and group.
    ORDER_EVENTS_TOPIC: `test.order-events.${randomBytes(4).toString('hex')}`,
    INGEST_GROUP_ID: `grants-analytics-${randomBytes(4).toString('hex')}`,
    FULFILLMENT_GROUP_ID: `order-fulfillment-${randomBytes(4).toString('hex')}`,
    WEBHOOK_BACKOFF_SCALE: '0.001',
    WEBHOOK_TIMEOUT_MS: '1000',
    WEBHOOK_DISABLE_AFTER_FAILURES: '8',
    // A delivery fails within about a second of retries (redelivery tests need failed ones).
    WEBHOOK_MAX_ATTEMPTS: '6',
    // Test receivers listen on loopback; backoffs shrink from minutes to fractions of a second.
    WEBHOOK_ALLOW_PRIVATE: 'true',
    FULFILLMENT_BACKOFF_SCALE: '0.01',
    FULFILLMENT_HTTP_TIMEOUT_MS: '1000',
    EXPIRY_SWEEP_MS: '300',
    FULFILLMENT_POLL_MS: '50',
    // Far above what any test sends (hundreds of parallel requests per tenant); the rate-limit
    // test starts gateways of its own with low limits.
    RATE_LIMIT_TENANT_PER_SECOND: '100000',
    RATE_LIMIT_TENANT_BURST: '1000000',
    RATE_LIMIT_USER_PER_SECOND: '100000',
    RATE_LIMIT_USER_BURST: '1000000',
    // Every e2e request comes from 127.0.0.1, and many tests send bad credentials on purpose.
    RATE_LIMIT_AUTH_FAILURES_PER_SECOND: '100000',
    RATE_LIMIT_AUTH_FAILURES_BURST: '1000000',
    // Every test connects from 127.0.0.1, hundreds of requests at once across parallel test
    // files; the connection-limit test starts gateways of its own with a low cap.
    HTTP_MAX_CONNECTIONS_PER_IP: '100000',
    // A browser origin allowed for every tenant by config (the e2e CORS tests).
    CORS_ALLOWED_ORIGINS: CONFIGURED_CORS_ORIGIN,
    ...extra,
  };
  const url = (port: number) => `http://127.0.0.1:${port}`;
  // Answers of these gateways are checked against their OpenAPI documents (contract.ts).
  registerGateway(url(query!), 'query-gateway');
  registerGateway(url(admin!), 'admin-gateway');
  const services = {
    'rewards-catalog': url(catalogHttp!),
    'order-fulfillment': url(fulfillmentHttp!),
    'grants-analytics': url(analyticsHttp!),
  };
  return {
    env,
    urls: { 'query-gateway': url(query!), 'admin-gateway': url(admin!), ...services },
    opsUrls: { 'query-gateway': url(queryOps!), 'admin-gateway': url(adminOps!), ...services },
    rpcPorts: { 'rewards-catalog': catalogRpc!, 'order-fulfillment': fulfillmentRpc!, 'grants-analytics': analyticsRpc! },
    adminJwtSecret,
    logDir,
  };
}

/**
 * The test run's environment less its ClickHouse server (CLICKHOUSE_URL and its credentials, set
 * for the analytics suites): the apps of a test stack run on chDB under their DATA_DIR, which
 * standalone always does and tests read (chdbRows), unless `extra` names a server.
 */
function withoutClickHouseServer(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('CLICKHOUSE_')));
}

/**
 * Starts the platform from the build as a user would: standalone (`dist/apps/standalone`,
 * one process) or distributed (`tools/scripts/start-distributed.mjs`, five processes).
 */
export async function startStack(mode: RunMode, options: StackOptions): Promise<RunningStack> {
  const root = resolve(options.workspaceRoot);
  const { env, urls, opsUrls, rpcPorts, adminJwtSecret, logDir } = await stackEnvironment(mode, options.env);
  const logFile = join(logDir, 'stack.log');
  delete env['DATABASE_URL'];
  let dataDir: string | undefined;
  let args: string[];
  if (mode === 'standalone') {
    // Standalone means the in-process bus unless a test asks for Kafka explicitly.
    if (!options.env?.['KAFKA_BROKERS']) delete env['KAFKA_BROKERS'];
    dataDir = options.dataDir ?? join(logDir, 'data');
    env['DATA_DIR'] = dataDir;
    if (options.databaseUrl) env['DATABASE_URL'] = options.databaseUrl;
    args = ['--enable-source-maps', join(root, 'dist/apps/standalone/main.js')];
  } else {
    if (!options.databaseUrl) throw new Error('distributed mode needs a databaseUrl');
    dataDir = options.dataDir ?? join(logDir, 'data');
    env['DATA_DIR'] = dataDir;
    env['DATABASE_URL'] = options.databaseUrl;
    env['KAFKA_BROKERS'] ??= process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
    env['PHOENIX_PLATFORM_KEY'] ??= `test-platform-key-${randomBytes(24).toString('hex')}`;
    env['PHOENIX_DIST'] = join(root, 'dist/apps');
    args = [join(root, 'tools/scripts/start-distributed.mjs')];
  }

  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);

  const queryUrl = urls['query-gateway'];
  const adminUrl = urls['admin-gateway'];
  try {
    await waitUntilReady(child, [opsUrls['query-gateway'], opsUrls['admin-gateway']], options.startTimeoutMs ?? 90_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${mode} stack did not start: ${(error as Error).message}\n--- ${logFile} ---\n${tail(logFile)}`);
  }
  const platformKey =
    env['PHOENIX_PLATFORM_KEY'] ??
    (JSON.parse(readFileSync(join(dataDir!, 'credentials.json'), 'utf8')) as { platform_key: string }).platform_key;

  return {
    mode,
    queryUrl,
    adminUrl,
    opsUrls,
    rpcPorts,
    platformKey,
    adminJwtSecret,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(env['SECRETS_KEY'] ? { secretsKey: env['SECRETS_KEY'] } : {}),
    ...(dataDir ? { dataDir } : {}),
    logFile,
    pid: child.pid!,
    stop: () => stopProcess(child),
  };
}

/** Waits until `/health/ready` answers 200 on each of `urls` (operations ports). */
export async function waitUntilReady(child: ChildProcess, urls: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (const url of urls) {
    for (;;) {
      if (exited) throw new Error('process exited during start-up');
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${url}`);
      try {
        const response = await fetch(`${url}/health/ready`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Waits for a standalone's start-up banner ("… is up in 2.1 s") on its standard output: how a
 * user knows it is up, and the only sign a standalone opening no operations port gives.
 */
export function waitUntilStarted(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let seen = '';
    const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for the start-up banner`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (/is up in \d+(\.\d+)? s/.test(seen)) done();
    };
    const onExit = () => done(new Error('process exited during start-up'));
    function done(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolvePromise();
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

export function stopProcess(child: ChildProcess, timeoutMs = 20_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolvePromise(code);
    });
    child.kill('SIGTERM');
  });
}

export function tail(file: string, lines = 60): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
