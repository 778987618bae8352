import {
  AppName,
  call,
  createReward,
  createTenant,
  createTestDatabase,
  credit,
  eventually,
  sqlRows,
  SupervisedApps,
  tail,
  TestDatabase,
  TestReward,
  TestTenant,
  userToken,
} from '@phoenix/testing';
import { resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');
const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';

const SHUTDOWN_TIMEOUT_MS = 8_000;
const SHUTDOWN_DRAIN_MS = 500;
/** Process start-up and exit around the app's own shutdown. */
const EXIT_SLACK_MS = 1_500;
const PRICE = 7;
const XP_PER_ORDER = 5;
const FUNDS = 1_000_000;
const BUYERS = 6;
const GRANTEES = 4;
/** Each app of the distributed stack is stopped with SIGTERM in turn, then started again. */
const STOP_ORDER: AppName[] = ['query-gateway', 'admin-gateway', 'rewards-catalog', 'order-fulfillment', 'grants-analytics'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Accepted {
  userId: string;
  kind: 'purchase' | 'grant';
  orderId: string;
}

// Graceful shutdown under load: every app stops on SIGTERM with exit code 0 within its deadline,
// and no request that got a 2xx, no event, is lost or doubled.
describe('graceful shutdown under load (distributed, supervised apps)', () => {
  let database: TestDatabase;
  let apps: SupervisedApps;
  let tenant: TestTenant;
  let reward: TestReward;

  const sql = <T>(text: string, params: unknown[]) => sqlRows<T>(database.url, text, params);
  const asUser = (userId: string) => ({ authorization: `Bearer ${userToken(tenant.jwt_secret, { sub: userId, tenant_id: tenant.id })}` });
  const asTenant = () => ({ 'x-api-key': tenant.api_key });

  const purchase = (userId: string, key: string) =>
    call(apps.queryUrl, 'POST', `/v1/rewards/purchase/${reward.slug}`, {
      headers: asUser(userId),
      json: { user_id: userId, idempotency_key: key, currency: 'gold' },
    });
  const grant = (userId: string, key: string) =>
    call(apps.adminUrl, 'POST', `/v1/tenants/${tenant.id}/grants`, {
      headers: asTenant(),
      json: { user_id: userId, reward_id: reward.id, source_type: 'promotion', source_ref: key, idempotency_key: key },
    });

  /** Non-2xx answers seen by the clients, by status (or `network` when no answer came). */
  const refusals = new Map<string, number>();

  /** Sends one request until it gets a 2xx, always with the same idempotency key. */
  async function untilAccepted(send: () => Promise<{ status: number; body: { order: { id: string } } }>): Promise<string> {
    // Generous: a restart on a busy 2-core machine can take tens of seconds.
    const deadline = Date.now() + 120_000;
    for (;;) {
      let outcome: string;
      try {
        const response = await send();
        if (response.status >= 200 && response.status < 300) return response.body.order.id;
        outcome = String(response.status);
      } catch {
        outcome = 'network';
      }
      refusals.set(outcome, (refusals.get(outcome) ?? 0) + 1);
      if (Date.now() > deadline) throw new Error(`no 2xx for 120 s (last: ${outcome})`);
      await sleep(50);
    }
  }

  /** One client: a stream of new requests, each retried until accepted, until `stopped()`. */
  async function client(kind: Accepted['kind'], userId: string, stopped: () => boolean, accepted: Accepted[]): Promise<void> {
    for (let i = 0; !stopped(); i++) {
      const key = `${userId}-${i}`;
      const orderId = await untilAccepted(() => (kind === 'purchase' ? purchase(userId, key) : grant(userId, key)));
      accepted.push({ userId, kind, orderId });
    }
  }

  /** SIGTERM, readiness 503 during the drain, exit 0 before the deadline; returns the exit time. */
  async function stopGracefully(app: AppName): Promise<number> {
    const started = Date.now();
    const exited = apps.kill(app, 'SIGTERM');
    // Answers before the signal is handled are 200; the first other answer must be the 503 of
    // the drain, not a refused connection.
    let readiness = '200';
    while (readiness === '200') {
      readiness = await fetch(`${apps.environment.opsUrls[app]}/health/ready`).then(
        (response) => String(response.status),
        () => 'no answer',
      );
    }
    const code = await exited;
    const elapsed = Date.now() - started;
    if (code !== 0) throw new Error(`${app} exited with ${code} after ${elapsed} ms:\n${tail(apps.logFile(app))}`);
    expect({ app, readiness }).toEqual({ app, readiness: '503' });
    expect(elapsed).toBeLessThan(SHUTDOWN_TIMEOUT_MS + EXIT_SLACK_MS);
    return elapsed;
  }

  /** Every grant of the tenant in ClickHouse, through the admin analytics route. */
  async function analyticsGrants(): Promise<Array<{ order_id: string; state: string }>> {
    const grants: Array<{ order_id: string; state: string }> = [];
    for (let offset = 0; ; offset += 1_000) {
      const page = await call(apps.adminUrl, 'GET', `/v1/analytics/grants?tenant_id=${tenant.id}&limit=1000&offset=${offset}`, { headers: asTenant() });
      expect(page.status).toBe(200);
      grants.push(...page.body.grants);
      if (offset + 1_000 >= page.body.total) return grants;
    }
  }

  /** A user's grant history through the query gateway, every page. */
  async function historyOf(userId: string): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await call(apps.queryUrl, 'GET', `/v1/orders/user/${userId}?limit=100&offset=${offset}`, { headers: asUser(userId) });
      expect(page.status).toBe(200);
      ids.push(...page.body.grants.map((g: { order_id: string }) => g.order_id));
      if (offset + 100 >= page.body.total) return ids;
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase('phoenix_shutdown');
    apps = await SupervisedApps.start({
      workspaceRoot,
      databaseUrl: database.url,
      kafkaBrokers: BROKERS,
      env: {
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
        SHUTDOWN_DRAIN_MS: String(SHUTDOWN_DRAIN_MS),
        // The load is a handful of users sending as fast as they can: rate limits would only slow it.
        RATE_LIMIT_TENANT_PER_SECOND: '0',
        RATE_LIMIT_USER_PER_SECOND: '0',
      },
    });
    tenant = await createTenant({ adminUrl: apps.adminUrl, platformKey: apps.platformKey });
    reward = await createReward({ adminUrl: apps.adminUrl }, tenant, {
      fields: [],
      stock: null,
      purchase: { prices: [{ currency: 'gold', amount: PRICE }] },
      fulfillment: { type: 'wallet', item_type: 'xp', amount: XP_PER_ORDER },
    });
    for (let i = 0; i < BUYERS; i++) await credit({ adminUrl: apps.adminUrl }, tenant, `buyer-${i}`, 'gold', FUNDS);
  }, 120_000);

  afterAll(async () => {
    await apps?.stopAll();
    await database?.drop();
  }, 60_000);

  it('stops each app on SIGTERM with exit 0 in time while purchases and grants go on; nothing accepted is lost or doubled', async () => {
    const accepted: Accepted[] = [];
    let stopping = false;
    const clients = [
      ...Array.from({ length: BUYERS }, (_, i) => client('purchase', `buyer-${i}`, () => stopping, accepted)),
      ...Array.from({ length: GRANTEES }, (_, i) => client('grant', `grantee-${i}`, () => stopping, accepted)),
    ];
    const exitTimes: Record<string, number> = {};
    const startTimes: Record<string, number> = {};
    try {
      await sleep(1_000);
      for (const app of STOP_ORDER) {
        const before = accepted.length;
        exitTimes[app] = await stopGracefully(app);
        const restarted = Date.now();
        await apps.startApp(app, 120_000);
        startTimes[app] = Date.now() - restarted;
        // The stack takes new work again before the next app goes down.
        await eventually(async () => expect(accepted.length).toBeGreaterThan(before + 20), 20_000, 100);
      }
    } finally {
      stopping = true;
      await Promise.all(clients);
    }
    console.log(
      `exit after SIGTERM (ms): ${JSON.stringify(exitTimes)}\nrestart (ms): ${JSON.stringify(startTimes)}\n` +
        `${accepted.length} orders accepted; refusals on the way: ${JSON.stringify(Object.fromEntries(refusals))}`,
    );

    // Only "unavailable" while an app restarts: nothing failed half-way.
    expect([...refusals.keys()].filter((status) => status !== '503' && status !== 'network')).toEqual([]);
    const ids = accepted.map((a) => a.orderId);
    expect(new Set(ids).size).toBe(ids.length);

    // Postgres: exactly the accepted orders, each fulfilled once.
    await eventually(
      async () => {
        const open = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.orders WHERE tenant_id = $1 AND state <> 'completed'`, [tenant.id]);
        expect(open).toEqual([{ n: 0 }]);
      },
      30_000,
      250,
    );
    const orders = await sql<{ id: string; user_id: string; source_type: string }>(`SELECT id, user_id, source_type FROM catalog.orders WHERE tenant_id = $1`, [tenant.id]);
    expect(new Set(orders.map((o) => o.id))).toEqual(new Set(ids));
    expect(orders).toHaveLength(ids.length);
    const byOrder = new Map(accepted.map((a) => [a.orderId, a]));
    for (const order of orders) {
      expect({ user: order.user_id, purchase: order.source_type === 'purchase' }).toEqual({
        user: byOrder.get(order.id)!.userId,
        purchase: byOrder.get(order.id)!.kind === 'purchase',
      });
    }

    // Wallets: credits minus accepted purchases, and one XP credit per order.
    const balances = await sql<{ user_id: string; asset: string; balance: string }>(`SELECT user_id, asset, balance FROM catalog.wallet_balances WHERE tenant_id = $1`, [tenant.id]);
    const count = (userId: string, kind?: Accepted['kind']) => accepted.filter((a) => a.userId === userId && (!kind || a.kind === kind)).length;
    const expected = new Map<string, number>();
    for (let i = 0; i < BUYERS; i++) expected.set(`buyer-${i}/currency`, FUNDS - PRICE * count(`buyer-${i}`, 'purchase'));
    for (const userId of new Set(accepted.map((a) => a.userId))) expected.set(`${userId}/xp`, XP_PER_ORDER * count(userId));
    expect(new Map(balances.map((b) => [`${b.user_id}/${b.asset}`, Number(b.balance)]))).toEqual(expected);
    const doubled = await sql<{ reference: string }>(
      `SELECT reference FROM catalog.wallet_ledger WHERE tenant_id = $1 AND asset = 'xp' GROUP BY reference HAVING count(*) > 1`,
      [tenant.id],
    );
    expect(doubled).toEqual([]);

    // ClickHouse: every accepted order once, in its final state (so its last event arrived too).
    const grants = await eventually(
      async () => {
        const current = await analyticsGrants();
        expect(current).toHaveLength(ids.length);
        expect(current.filter((g) => g.state !== 'completed')).toEqual([]);
        return current;
      },
      45_000,
      500,
    );
    expect(new Set(grants.map((g) => g.order_id))).toEqual(new Set(ids));
    for (const userId of ['buyer-0', 'grantee-0']) {
      const history = await historyOf(userId);
      expect(history.sort()).toEqual(accepted.filter((a) => a.userId === userId).map((a) => a.orderId).sort());
    }
  }, 400_000);
});
