import { call, createTenant, embeddedDatabaseUrl, sqlRows, StackInfo, TestTenant } from '@phoenix/testing';
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { stacks } from './stacks';

const workspaceRoot = resolve(__dirname, '../../..');

// The standalone's embedded Postgres takes only clients with its password (security report,
// point 8): generated on first start, kept in DATA_DIR/credentials.json for its owner only, and
// given to the five apps and to `npm run token` (standalone.json). Standalone mode only: the
// distributed mode runs on the operator's own Postgres. That the password stays out of the logs,
// even at debug level, is checked in standalone.e2e-spec.ts with the other credentials.
describe('standalone: the embedded Postgres', () => {
  const stack = stacks().find((s) => s.mode === 'standalone') as StackInfo;
  const dataDir = stack.dataDir!;
  let tenant: TestTenant;
  let password: string;

  beforeAll(async () => {
    tenant = await createTenant(stack);
    password = (JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { postgres_password: string }).postgres_password;
  });

  const mode = (file: string) => statSync(join(dataDir, file)).mode & 0o777;
  const withPassword = (value: string | undefined) => {
    const url = new URL(embeddedDatabaseUrl(dataDir));
    url.password = value ?? '';
    return url.toString();
  };

  it('keeps its generated password in credentials.json, and its URL in standalone.json, both readable by their owner only', () => {
    expect(password).toMatch(/^[\w-]{32,}$/);
    expect(mode('credentials.json')).toBe(0o600);
    expect(mode('standalone.json')).toBe(0o600);
    expect(new URL(embeddedDatabaseUrl(dataDir)).password).toBe(password);
  });

  it('serves a client with the password: the data the apps wrote is there', async () => {
    const rows = await sqlRows<{ id: string }>(embeddedDatabaseUrl(dataDir), 'SELECT id FROM catalog.tenants WHERE id = $1', [tenant.id]);
    expect(rows).toEqual([{ id: tenant.id }]);
  });

  it('refuses a client without the password or with another one', async () => {
    await expect(sqlRows(withPassword('guessed-password'), 'SELECT jwt_secret FROM catalog.tenants')).rejects.toMatchObject({ code: '28P01' });
    await expect(sqlRows(withPassword(undefined), 'SELECT jwt_secret FROM catalog.tenants')).rejects.toThrow(/password/);
  });

  it('`npm run token` finds the database through standalone.json, password included', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env['DATABASE_URL'];
    delete env['PHOENIX_JWT_SECRET'];
    const { stdout } = await promisify(execFile)(process.execPath, ['tools/scripts/mint-token.mjs', '--tenant', tenant.id, '--user', 'minted'], { cwd: workspaceRoot, env });
    const wallet = await call(stack.queryUrl, 'GET', '/v1/wallets/minted', { headers: { authorization: `Bearer ${stdout.trim()}` } });
    expect(wallet.status).toBe(200);
  });
});
