import { call, createReward, createTenant, createTestDatabase, credit, eventually, orderEventFixture, sqlRows, StackInfo, startStack, TestTenant, userToken } from '@phoenix/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');

/** A user's grant history through the query gateway (read from ClickHouse, chDB here). */
async function grantHistory(stack: StackInfo, tenant: TestTenant, userId: string): Promise<Array<{ order_id: string; state: string }>> {
  const token = userToken(tenant.jwt_secret, { sub: userId, tenant_id: tenant.id });
  const response = await call(stack.queryUrl, 'GET', `/v1/orders/user/${userId}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.body.grants;
}

// Lifecycle of `npm start` itself: these start their own processes.
describe('standalone process', () => {
  it('keeps everything across a restart on the same DATA_DIR (wallets, grant history), and keeps its platform key', async () => {
    // Node's compile cache, which the standalone's main.js turns on (tools/build/webpack.config.js).
    const compileCache = mkdtempSync(join(tmpdir(), 'phoenix-compile-cache-'));
    const first = await startStack('standalone', { workspaceRoot, env: { NODE_COMPILE_CACHE: compileCache } });
    const tenant = await createTenant(first);
    await credit(first, tenant, 'keeper', 'gold', 42);
    const reward = await createReward(first, tenant, { fields: [], purchase: null, fulfillment: { type: 'wallet', item_type: 'xp', amount: 10 }, stock: null });
    const granted = await call(first.adminUrl, 'POST', `/v1/tenants/${tenant.id}/grants`, {
      headers: { 'x-api-key': tenant.api_key },
      json: { user_id: 'keeper', reward_id: reward.id, source_type: 'promotion', source_ref: 'before-restart' },
    });
    expect(granted.status).toBe(201);
    const before = await eventually(async () => {
      const grants = await grantHistory(first, tenant, 'keeper');
      expect(grants).toMatchObject([{ order_id: granted.body.order.id, state: 'completed' }]);
      return grants;
    }, 30_000, 200);
    expect(await first.stop()).toBe(0);
    // What the first process compiled is on disk for the restart: the chunks and apps beside
    // main.js and the node_modules they load (one file per script, under a folder per Node build).
    const cached = readdirSync(compileCache, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(cached.length).toBeGreaterThan(100);

    const second = await startStack('standalone', { workspaceRoot, dataDir: first.dataDir!, env: { NODE_COMPILE_CACHE: compileCache } });
    try {
      expect(second.platformKey).toBe(first.platformKey);
      const token = userToken(tenant.jwt_secret, { sub: 'keeper', tenant_id: tenant.id });
      const wallet = await call(second.queryUrl, 'GET', '/v1/wallets/keeper', { headers: { authorization: `Bearer ${token}` } });
      expect(wallet.body.balances).toEqual({ gold: 42 });
      // The grant history lives in chDB under DATA_DIR: the same, before any new event.
      await expect(grantHistory(second, tenant, 'keeper')).resolves.toEqual(before);
    } finally {
      expect(await second.stop()).toBe(0);
      rmSync(compileCache, { recursive: true, force: true });
    }
  });

  it('relays the outbox rows still pending when it stopped, once it is back', async () => {
    const database = await createTestDatabase('phoenix_standalone_outbox');
    try {
      const first = await startStack('standalone', { workspaceRoot, databaseUrl: database.url });
      const tenant = await createTenant(first);
      expect(await first.stop()).toBe(0);

      // An event whose transaction committed just before the process went away, not relayed yet.
      const event = orderEventFixture({ tenantId: tenant.id, userId: 'late' });
      await sqlRows(
        database.url,
        `INSERT INTO catalog.outbox (event_id, tenant_id, aggregate_id, event_type, envelope) VALUES ($1, $2, $3, $4, $5)`,
        [event.event_id, tenant.id, event.data.order_id, event.event_type, JSON.stringify(event)],
      );

      const second = await startStack('standalone', { workspaceRoot, databaseUrl: database.url, dataDir: first.dataDir! });
      try {
        await eventually(async () => expect(await grantHistory(second, tenant, 'late')).toMatchObject([{ order_id: event.data.order_id, state: 'completed' }]), 30_000, 200);
        const [row] = await sqlRows<{ published: boolean }>(database.url, 'SELECT published_at IS NOT NULL AS published FROM catalog.outbox WHERE event_id = $1', [event.event_id]);
        expect(row).toEqual({ published: true });
      } finally {
        expect(await second.stop()).toBe(0);
      }
    } finally {
      await database.drop();
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
    // The embedded Postgres' password, generated on first start (every app has it in DATABASE_URL).
    const { postgres_password: postgresPassword, secrets_key: secretsKey } = JSON.parse(readFileSync(join(stack.dataDir!, 'credentials.json'), 'utf8')) as {
      postgres_password: string;
      secrets_key: string;
    };
    expect(postgresPassword).toMatch(/^[\w-]{32,}$/);
    // Generated on first start like the platform key: it seals the tenants' secrets in the embedded database.
    expect(secretsKey).toMatch(/^standalone:[A-Za-z0-9+/]{43}=$/);
    for (const secret of [platformKey, postgresPassword, secretsKey, secretsKey.split(':')[1]!, tenant.api_key, tenant.jwt_secret, tenant.hmac_secret, tenant.webhook_secret, 'wrong-key-that-is-secret']) {
      expect(log).not.toContain(secret);
    }
    // Five apps share the process, and each line after start-up names the app whose work it was:
    // the wallet read is the query gateway's request and the catalog's RPC call.
    const lines = log.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    const walletRead = lines.find((line) => line['context'] === 'Rpc' && String(line['msg']).startsWith('wallets.get ok'));
    expect(walletRead).toMatchObject({ app: 'rewards-catalog' });
    expect(lines).toContainEqual(expect.objectContaining({ app: 'query-gateway', msg: 'request completed', req: expect.objectContaining({ url: '/v1/wallets/u1' }) }));
    expect(lines).toContainEqual(expect.objectContaining({ app: 'standalone', context: 'Shutdown' }));
    // A clean start, a few requests and a client's error (the wrong key: 401 at info) warn of nothing.
    expect(lines).toContainEqual(expect.objectContaining({ app: 'admin-gateway', level: 30, res: { statusCode: 401 } }));
    expect(lines.filter((line) => Number(line['level']) >= 40)).toEqual([]);
  });
});

describe('configuration', () => {
  it.each([
    ['admin-gateway', {}, /PHOENIX_PLATFORM_KEY: is required/],
    ['admin-gateway', { PHOENIX_PLATFORM_KEY: 'short' }, /PHOENIX_PLATFORM_KEY: must be at least 24 characters/],
    ['rewards-catalog', {}, /DATABASE_URL: is required/],
    ['rewards-catalog', { DATABASE_URL: 'postgres://127.0.0.1:1/x' }, /SECRETS_KEY: is required: <key id>:<32 random bytes in base64>/],
    ['order-fulfillment', { DATABASE_URL: 'postgres://127.0.0.1:1/x', SECRETS_KEY: 'k1:not-base64' }, /SECRETS_KEY: must be <key id>:<32 random bytes in base64>/],
    ['query-gateway', { QUERY_GATEWAY_PORT: 'eighty' }, /QUERY_GATEWAY_PORT/],
  ])('%s refuses to start with a clear message (%j)', (app, env, message) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(PHOENIX_PLATFORM_KEY|DATABASE_URL|QUERY_GATEWAY_PORT|SECRETS_KEY)$/.test(k)),
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
