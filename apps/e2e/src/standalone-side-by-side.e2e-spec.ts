import {
  StackInfo,
  TestTenant,
  call,
  createReward,
  createTenant,
  credit,
  freePorts,
  listeningSockets,
  stopProcess,
  tail,
  userToken,
  waitUntilStarted,
} from '@phoenix/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');

interface Standalone extends Pick<StackInfo, 'queryUrl' | 'adminUrl' | 'platformKey'> {
  child: ChildProcess;
  ports: { query: number; admin: number };
  dataDir: string;
  logFile: string;
}

/**
 * `node dist/apps/standalone/main.js` as a user runs it: the two gateway ports and a DATA_DIR,
 * nothing else (no service ports, unlike the test stacks, which open them for tests that need them).
 */
async function startStandalone(): Promise<Standalone> {
  const [query, admin] = await freePorts(2);
  const dataDir = mkdtempSync(join(tmpdir(), 'phoenix-side-by-side-'));
  const logFile = join(dataDir, 'standalone.log');
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/(_PORT|_HOST|DATABASE_URL|KAFKA_BROKERS|PHOENIX_PLATFORM_KEY)$/.test(name)),
  ) as Record<string, string>;
  const child = spawn(process.execPath, [join(workspaceRoot, 'dist/apps/standalone/main.js')], {
    cwd: workspaceRoot,
    env: { ...env, NODE_ENV: 'test', LOG_LEVEL: 'warn', QUERY_GATEWAY_PORT: String(query), ADMIN_GATEWAY_PORT: String(admin), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const queryUrl = `http://127.0.0.1:${query}`;
  const adminUrl = `http://127.0.0.1:${admin}`;
  try {
    // It opens no operations port (none is asked for): its banner says when it is up.
    await waitUntilStarted(child, 90_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`standalone did not start: ${(error as Error).message}\n--- ${logFile} ---\n${tail(logFile)}`);
  }
  const { platform_key: platformKey } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { platform_key: string };
  return { child, ports: { query: query!, admin: admin! }, dataDir, logFile, queryUrl, adminUrl, platformKey };
}

/** The embedded Postgres' port, from the URL the standalone publishes for local tools. */
function embeddedPostgresPort(standalone: Standalone): number {
  const { database_url: url } = JSON.parse(readFileSync(join(standalone.dataDir, 'standalone.json'), 'utf8')) as { database_url: string };
  return Number(new URL(url).port);
}

describe('two standalones side by side', () => {
  let a: Standalone;
  let b: Standalone;

  beforeAll(async () => {
    // Started together: neither may take a port the other needs.
    [a, b] = await Promise.all([startStandalone(), startStandalone()]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(async (standalone) => expect(await stopProcess(standalone.child)).toBe(0)));
  });

  it('each listens on its two gateway ports and its embedded Postgres on loopback, nothing else', () => {
    for (const standalone of [a, b]) {
      expect(listeningSockets(standalone.child.pid!)).toEqual(
        [standalone.ports.query, standalone.ports.admin, embeddedPostgresPort(standalone)]
          .sort((x, y) => x - y)
          .map((port) => ({ address: '127.0.0.1', port })),
      );
    }
    expect(embeddedPostgresPort(a)).not.toBe(embeddedPostgresPort(b));
  });

  it('both serve tenants, rewards and purchases, and neither sees the other’s data', async () => {
    const serve = async (standalone: Standalone): Promise<{ tenant: TestTenant; slug: string }> => {
      const tenant = await createTenant(standalone, { id: 'acme' });
      await credit(standalone, tenant, 'player', 'gold', 100);
      const reward = await createReward(standalone, tenant, {
        fields: [],
        purchase: { prices: [{ currency: 'gold', amount: 30 }] },
        fulfillment: { type: 'wallet', item_type: 'xp', amount: 5 },
        stock: null,
      });
      const token = userToken(tenant.jwt_secret, { sub: 'player', tenant_id: tenant.id });
      const bought = await call(standalone.queryUrl, 'POST', `/v1/rewards/purchase/${reward.slug}`, {
        headers: { authorization: `Bearer ${token}` },
        json: { user_id: 'player', currency: 'gold', fields: {}, idempotency_key: 'first-purchase' },
      });
      expect(bought.status).toBe(200);
      const catalog = await call(standalone.queryUrl, 'GET', '/v1/rewards/catalog', { headers: { authorization: `Bearer ${token}` } });
      expect(catalog.status).toBe(200);
      expect(catalog.body.rewards.map((r: { slug: string }) => r.slug)).toEqual([reward.slug]);
      const wallet = await call(standalone.queryUrl, 'GET', '/v1/wallets/player', { headers: { authorization: `Bearer ${token}` } });
      expect(wallet.body.balances).toEqual({ gold: 70 });
      return { tenant, slug: reward.slug };
    };
    // The same tenant id in both: each is a tenant of its own standalone only.
    const [inA, inB] = await Promise.all([serve(a), serve(b)]);
    expect(inA.tenant.api_key).not.toBe(inB.tenant.api_key);

    for (const [here, other] of [
      [a, inB],
      [b, inA],
    ] as const) {
      const strangerKey = await call(here.adminUrl, 'GET', '/v1/tenants/acme/rewards-catalog', { headers: { 'x-api-key': other.tenant.api_key } });
      expect(strangerKey.status).toBe(401);
      const strangerToken = userToken(other.tenant.jwt_secret, { sub: 'player', tenant_id: 'acme' });
      const catalog = await call(here.queryUrl, 'GET', '/v1/rewards/catalog', { headers: { authorization: `Bearer ${strangerToken}` } });
      expect(catalog.status).toBe(401);
      const otherPlatform = await call(here.adminUrl, 'GET', '/v1/tenants/acme', { headers: { 'x-api-key': (here === a ? b : a).platformKey } });
      expect(otherPlatform.status).toBe(401);
    }
  });
});
