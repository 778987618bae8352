import { call, createTenant, createTestDatabase, credit, sqlRows, startStack, userToken } from '@phoenix/testing';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');

// Lifecycle of `npm start` itself: these start their own processes.
describe('standalone process', () => {
  it('keeps everything across a restart on the same DATA_DIR, and keeps its platform key', async () => {
    const first = await startStack('standalone', { workspaceRoot });
    const tenant = await createTenant(first);
    await credit(first, tenant, 'keeper', 'gold', 42);
    expect(await first.stop()).toBe(0);

    const second = await startStack('standalone', { workspaceRoot, dataDir: first.dataDir! });
    try {
      expect(second.platformKey).toBe(first.platformKey);
      const token = userToken(tenant.jwt_secret, { sub: 'keeper', tenant_id: tenant.id });
      const wallet = await call(second.queryUrl, 'GET', '/v1/wallets/keeper', { headers: { authorization: `Bearer ${token}` } });
      expect(wallet.body.balances).toEqual({ gold: 42 });
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('uses the real Postgres when DATABASE_URL is set', async () => {
    const database = await createTestDatabase('phoenix_standalone');
    const stack = await startStack('standalone', { workspaceRoot, databaseUrl: database.url });
    try {
      const tenant = await createTenant(stack);
      const rows = await sqlRows(database.url, 'SELECT name FROM catalog.tenants WHERE id = $1', [tenant.id]);
      expect(rows).toEqual([{ name: tenant.name }]);
    } finally {
      await stack.stop();
      await database.drop();
    }
  });

  it('never writes a credential into its logs, even at debug level', async () => {
    const platformKey = `platform-key-${'k'.repeat(30)}`;
    const stack = await startStack('standalone', { workspaceRoot, env: { LOG_LEVEL: 'debug', PHOENIX_PLATFORM_KEY: platformKey } });
    let tenant;
    try {
      tenant = await createTenant(stack);
      await credit(stack, tenant, 'u1', 'gold', 1);
      const token = userToken(tenant.jwt_secret, { sub: 'u1', tenant_id: tenant.id });
      await call(stack.queryUrl, 'GET', '/v1/wallets/u1', { headers: { authorization: `Bearer ${token}` } });
      await call(stack.adminUrl, 'GET', `/v1/tenants/${tenant.id}`, { headers: { 'x-api-key': 'wrong-key-that-is-secret' } });
    } finally {
      await stack.stop();
    }
    const log = readFileSync(stack.logFile, 'utf8');
    // Requests are logged at debug level (id, method, url; never headers or bodies).
    expect(log).toContain(`"url":"/v1/wallets/u1"`);
    for (const secret of [platformKey, tenant.api_key, tenant.jwt_secret, tenant.hmac_secret, tenant.webhook_secret, 'wrong-key-that-is-secret']) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('configuration', () => {
  it.each([
    ['admin-gateway', {}, /PHOENIX_PLATFORM_KEY: is required/],
    ['admin-gateway', { PHOENIX_PLATFORM_KEY: 'short' }, /PHOENIX_PLATFORM_KEY: must be at least 24 characters/],
    ['rewards-catalog', {}, /DATABASE_URL: is required/],
    ['query-gateway', { QUERY_GATEWAY_PORT: 'eighty' }, /QUERY_GATEWAY_PORT/],
  ])('%s refuses to start with a clear message (%j)', (app, env, message) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(PHOENIX_PLATFORM_KEY|DATABASE_URL|QUERY_GATEWAY_PORT)$/.test(k)),
    );
    const result = spawnSync(process.execPath, [resolve(workspaceRoot, `dist/apps/${app}/main.js`)], {
      env: { ...clean, ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('short');
  });
});
