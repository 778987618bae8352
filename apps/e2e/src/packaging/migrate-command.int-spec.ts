import { createTestDatabase, sqlRows, TestDatabase } from '@phoenix/testing';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The built bundles in `migrate` mode, as the deploy steps run them (Kubernetes Job, compose
// `migrate-*` services): `npx nx run-many -t build` first.
const workspaceRoot = resolve(__dirname, '../../../..');

// Each run starts a Node process (and chDB); a cold machine takes seconds.
jest.setTimeout(60_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one app's bundle with `migrate` and only the given environment (plus PATH). */
/** The services' config requires it, in migrate mode too (SecretBox seals their secrets). */
const SECRETS_KEY = `migrate:${randomBytes(32).toString('base64')}`;

function migrate(app: string, env: Record<string, string>): Promise<Run> {
  const bundle = join(workspaceRoot, 'dist/apps', app, 'main.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npx nx run-many -t build\` first`);
  return new Promise((done) => {
    const child = execFile(process.execPath, [bundle, 'migrate'], { cwd: workspaceRoot, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 }, (_error, stdout, stderr) =>
      done({ code: child.exitCode, stdout, stderr }),
    );
  });
}

/** The log line a migrate run ends with. */
function summary(run: Run): { msg: string; applied: string[] } {
  const lines = run.stdout.trim().split('\n').filter(Boolean);
  return JSON.parse(lines[lines.length - 1]!);
}

describe('migrate run mode (Postgres)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('phoenix_migrate');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it.each([
    ['rewards-catalog', 'catalog'],
    ['order-fulfillment', 'fulfillment'],
  ])('%s applies its migrations to schema %s with DATABASE_URL (and the SECRETS_KEY its config requires), exits 0, then finds nothing to do', async (app, schema) => {
    const first = await migrate(app, { DATABASE_URL: database.url, SECRETS_KEY });
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(summary(first).applied.length).toBeGreaterThan(0);

    const schemas = await sqlRows<{ name: string }>(database.url, 'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name = $1', [schema]);
    expect(schemas).toEqual([{ name: schema }]);
    const recorded = await sqlRows<{ name: string }>(database.url, `SELECT name FROM "${schema}".migrations ORDER BY id`);
    expect(recorded.map((r) => r.name)).toEqual(summary(first).applied);

    const again = await migrate(app, { DATABASE_URL: database.url, SECRETS_KEY });
    expect(again.code).toBe(0);
    expect(summary(again)).toMatchObject({ applied: [], msg: expect.stringContaining('up to date') });
  });

  it('exits 1 and says why when the database cannot be reached or the config is incomplete', async () => {
    const unreachable = await migrate('rewards-catalog', { DATABASE_URL: `${database.url}_missing`, SECRETS_KEY });
    expect(unreachable.code).toBe(1);
    expect(summary(unreachable).msg).toContain('failed');

    const unconfigured = await migrate('order-fulfillment', {});
    expect(unconfigured.code).toBe(1);
    expect(unconfigured.stdout).toContain('DATABASE_URL');
    // The key is named, its value never printed.
    expect(unconfigured.stdout).toContain('SECRETS_KEY: is required');
    const badKey = await migrate('order-fulfillment', { DATABASE_URL: database.url, SECRETS_KEY: 'k1:too-short-a-key' });
    expect(badKey.code).toBe(1);
    expect(badKey.stdout).toContain('SECRETS_KEY: must be <key id>:<32 random bytes in base64>');
    expect(badKey.stdout).not.toContain('too-short-a-key');
  });
});

describe('migrate run mode (ClickHouse)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'phoenix-migrate-chdb-'));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  // No ClickHouse server here: the same command against embedded chDB (CLICKHOUSE_URL unset).
  it('grants-analytics applies the numbered migrations once and exits 0', async () => {
    const first = await migrate('grants-analytics', { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(summary(first).applied).toEqual(expect.arrayContaining(['001_grants', '002_order_events']));

    const again = await migrate('grants-analytics', { DATA_DIR: dataDir });
    expect(again.code).toBe(0);
    expect(summary(again).applied).toEqual([]);
  });
});
