import {
  adminToken,
  ApiResponse,
  call,
  createTenant,
  GatewayBeside,
  startGatewayBeside,
  StackInfo,
  TestTenant,
  userToken,
} from '@phoenix/testing';
import { resolve } from 'node:path';
import { stacks } from './stacks';

const workspaceRoot = resolve(__dirname, '../../..');

// Limits are per gateway process: these tests start one query and one admin gateway of their
// own, with low limits, beside the distributed stack (whose gateways keep test-size limits).
const QUERY_LIMITS = { tenantPerSecond: 1, tenantBurst: 8, userPerSecond: 1, userBurst: 3 };
const ADMIN_LIMITS = { tenantPerSecond: 1, tenantBurst: 3 };
const BROWSER_ORIGIN = 'https://game.example.com';

function limitsEnv(limits: { tenantPerSecond: number; tenantBurst: number; userPerSecond?: number; userBurst?: number }): Record<string, string> {
  return {
    RATE_LIMIT_TENANT_PER_SECOND: String(limits.tenantPerSecond),
    RATE_LIMIT_TENANT_BURST: String(limits.tenantBurst),
    RATE_LIMIT_USER_PER_SECOND: String(limits.userPerSecond ?? 0),
    RATE_LIMIT_USER_BURST: String(limits.userBurst ?? 1),
  };
}

/** Sends `count` requests at once; also says how long the volley took, during which buckets refill. */
async function volley(count: number, send: (i: number) => Promise<ApiResponse>): Promise<{ ok: ApiResponse[]; refused: ApiResponse[]; seconds: number }> {
  const started = Date.now();
  const responses = await Promise.all(Array.from({ length: count }, (_, i) => send(i)));
  const seconds = (Date.now() - started) / 1000;
  for (const response of responses) expect([200, 429]).toContain(response.status);
  return { ok: responses.filter((r) => r.status === 200), refused: responses.filter((r) => r.status === 429), seconds };
}

/** A burst passes whole; beyond it, only the tokens that refilled while the volley lasted. */
function expectAdmitted(admitted: number, burst: number, perSecond: number, seconds: number): void {
  expect(admitted).toBeGreaterThanOrEqual(burst);
  expect(admitted).toBeLessThanOrEqual(burst + Math.floor(seconds * perSecond));
}

function expectRateLimited(response: ApiResponse, scope: 'tenant' | 'user'): number {
  expect(response.status).toBe(429);
  expect(response.body).toEqual({
    statusCode: 429,
    error: 'Too Many Requests',
    code: 'RATE_LIMITED',
    message: expect.stringMatching(new RegExp(`^Too many requests for this ${scope} .*retry after \\d+ s$`)),
  });
  const retryAfter = response.headers.get('retry-after');
  expect(retryAfter).toMatch(/^[1-9]\d*$/);
  return Number(retryAfter);
}

async function refusedCount(opsUrl: string, gateway: string, scope: string): Promise<number> {
  const metrics = await call<string>(opsUrl, 'GET', '/metrics');
  const line = new RegExp(`^rate_limited_total\\{gateway="${gateway}",scope="${scope}"\\} (\\d+)$`, 'm').exec(metrics.body);
  expect(line).not.toBeNull();
  return Number(line![1]);
}

describe('rate limits (distributed, gateways of their own)', () => {
  const stack: StackInfo = stacks().find((s) => s.mode === 'distributed')!;
  let query: GatewayBeside;
  let admin: GatewayBeside;

  beforeAll(async () => {
    [query, admin] = await Promise.all([
      startGatewayBeside(stack, 'query-gateway', { workspaceRoot, env: { ...limitsEnv(QUERY_LIMITS), CORS_ALLOWED_ORIGINS: BROWSER_ORIGIN } }),
      startGatewayBeside(stack, 'admin-gateway', { workspaceRoot, env: limitsEnv(ADMIN_LIMITS) }),
    ]);
  });

  afterAll(async () => {
    expect(await Promise.all([query?.stop(), admin?.stop()])).toEqual([0, 0]);
  });

  describe('query gateway', () => {
    const walletAs = (tenant: TestTenant, userId: string, headers: Record<string, string> = {}) =>
      call(query.url, 'GET', `/v1/wallets/${userId}`, {
        headers: { authorization: `Bearer ${userToken(tenant.jwt_secret, { sub: userId, tenant_id: tenant.id })}`, ...headers },
      });

    it('a user past their burst gets 429 with Retry-After and the error body; another user of the tenant is served', async () => {
      const tenant = await createTenant(stack);
      const { ok, refused, seconds } = await volley(10, () => walletAs(tenant, 'alice'));
      expectAdmitted(ok.length, QUERY_LIMITS.userBurst, QUERY_LIMITS.userPerSecond, seconds);
      expect(ok[0]!.headers.get('ratelimit-limit')).toBe(String(QUERY_LIMITS.userBurst));
      expect(ok[0]!.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
      expectRateLimited(refused[0]!, 'user');
      expect(refused[0]!.headers.get('ratelimit-remaining')).toBe('0');
      // Browser apps may read these headers too.
      const fromBrowser = await walletAs(tenant, 'alice', { origin: BROWSER_ORIGIN });
      expect(fromBrowser.headers.get('access-control-expose-headers')).toBe('X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, ETag');

      expect((await walletAs(tenant, 'bob')).status).toBe(200);
    });

    it('the tenant limit caps the sum of its users; another tenant is not affected', async () => {
      const [tenant, other] = await Promise.all([createTenant(stack), createTenant(stack)]);
      // Five users, each within their own burst: only the tenant's bucket can refuse them.
      const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
      const { ok, refused, seconds } = await volley(users.length * QUERY_LIMITS.userBurst, (i) => walletAs(tenant, users[i % users.length]!));
      expectAdmitted(ok.length, QUERY_LIMITS.tenantBurst, QUERY_LIMITS.tenantPerSecond, seconds);
      for (const response of refused) expectRateLimited(response, 'tenant');

      expect((await walletAs(other, 'u1')).status).toBe(200);
    });

    it('serves the user again once Retry-After has passed', async () => {
      const tenant = await createTenant(stack);
      const { refused } = await volley(QUERY_LIMITS.userBurst + 3, () => walletAs(tenant, 'carol'));
      // Counted from the end of the volley, when no request of it can take a token any more.
      const retryAfter = Math.max(...refused.map((response) => expectRateLimited(response, 'user')));
      await new Promise((r) => setTimeout(r, retryAfter * 1_000));
      expect((await walletAs(tenant, 'carol')).status).toBe(200);
    });

    it('never limits health, metrics or docs, and counts refusals by scope', async () => {
      for (const gateway of [query, admin]) {
        const routes = [...['/health/live', '/health/ready', '/metrics'].map((path) => [gateway.opsUrl, path]), [gateway.url, '/docs-json']];
        for (const [url, path] of routes) {
          const { ok } = await volley(20, () => call(url!, 'GET', path!));
          expect({ url, path, ok: ok.length }).toEqual({ url, path, ok: 20 });
          expect(ok[0]!.headers.get('ratelimit-limit')).toBeNull();
        }
      }
      expect(await refusedCount(query.opsUrl, 'query-gateway', 'user')).toBeGreaterThan(0);
      expect(await refusedCount(query.opsUrl, 'query-gateway', 'tenant')).toBeGreaterThan(0);
    });
  });

  describe('admin gateway', () => {
    it('limits a tenant across its API key and admin JWTs; the platform key and other tenants are not limited', async () => {
      const [tenant, other] = await Promise.all([createTenant(stack), createTenant(stack)]);
      const wallet = (t: TestTenant, headers: Record<string, string>) => call(admin.url, 'GET', `/v1/tenants/${t.id}/wallets/u1`, { headers });

      // Half with the API key, half with an admin JWT: the bucket is the tenant's, not the credential's.
      const jwt = adminToken(stack.adminJwtSecret, { sub: 'ops', tenant_id: tenant.id });
      const credentials: Array<Record<string, string>> = [{ 'x-api-key': tenant.api_key }, { authorization: `Bearer ${jwt}` }];
      const { ok, refused, seconds } = await volley(ADMIN_LIMITS.tenantBurst * 2 + 2, (i) => wallet(tenant, credentials[i % 2]!));
      expectAdmitted(ok.length, ADMIN_LIMITS.tenantBurst, ADMIN_LIMITS.tenantPerSecond, seconds);
      for (const response of refused) expectRateLimited(response, 'tenant');

      const platform = await volley(10, () => call(admin.url, 'GET', `/v1/tenants/${tenant.id}`, { headers: { 'x-api-key': stack.platformKey } }));
      expect(platform.ok).toHaveLength(10);
      expect((await wallet(other, { 'x-api-key': other.api_key })).status).toBe(200);
      expect(await refusedCount(admin.opsUrl, 'admin-gateway', 'tenant')).toBeGreaterThan(0);
    });
  });
});
