import { ApiResponse, call, createTenant, GatewayBeside, startGatewayBeside, StackInfo, TestTenant } from '@phoenix/testing';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { eachMode, stacks } from './stacks';

const workspaceRoot = resolve(__dirname, '../../..');

// Failed authentications are limited per client address, per gateway process: these tests start
// an admin gateway of their own beside each stack, with a tight limit (the stacks' gateways
// have a generous one, since every e2e request comes from 127.0.0.1).
const FAILURES = { perSecond: 1, burst: 20 };
const failureLimitEnv = { RATE_LIMIT_AUTH_FAILURES_PER_SECOND: String(FAILURES.perSecond), RATE_LIMIT_AUTH_FAILURES_BURST: String(FAILURES.burst) };

const junkKey = () => `phx_${randomBytes(32).toString('base64url')}`;
const randomAddress = () => `198.51.100.${1 + Math.floor(Math.random() * 254)}`;

function walletWithKey(gateway: GatewayBeside, tenant: TestTenant, apiKey: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return call(gateway.url, 'GET', `/v1/tenants/${tenant.id}/wallets/u1`, { headers: { 'x-api-key': apiKey, ...headers } });
}

function expectHeldBack(response: ApiResponse): void {
  expect(response.status).toBe(429);
  expect(response.body).toEqual({
    statusCode: 429,
    error: 'Too Many Requests',
    code: 'RATE_LIMITED',
    message: expect.stringMatching(/^Too many failed authentications from this address; retry after \d+ s$/),
  });
  expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
}

describe.each(eachMode())('failed authentications per address (%s, a gateway of its own)', (_mode, stack: StackInfo) => {
  let gateway: GatewayBeside;
  let tenant: TestTenant;

  beforeAll(async () => {
    [gateway, tenant] = await Promise.all([startGatewayBeside(stack, 'admin-gateway', { workspaceRoot, env: failureLimitEnv }), createTenant(stack)]);
  });

  afterAll(async () => {
    expect(await gateway?.stop()).toBe(0);
  });

  it('a burst of bad API keys from one address reaches 429, while a real tenant on that address is still served', async () => {
    expect((await walletWithKey(gateway, tenant, tenant.api_key)).status).toBe(200); // now cached on this gateway

    // Made-up keys, each claiming another client address: X-Forwarded-For is not believed
    // without TRUSTED_PROXIES, so all of them count against 127.0.0.1.
    const started = Date.now();
    const junk = await Promise.all(Array.from({ length: 80 }, () => walletWithKey(gateway, tenant, junkKey(), { 'x-forwarded-for': randomAddress() })));
    const seconds = (Date.now() - started) / 1000;
    const unauthenticated = junk.filter((r) => r.status === 401);
    const heldBack = junk.filter((r) => r.status === 429);
    expect(unauthenticated.length + heldBack.length).toBe(junk.length);
    expect(unauthenticated.length).toBeGreaterThanOrEqual(FAILURES.burst);
    expect(unauthenticated.length).toBeLessThanOrEqual(FAILURES.burst + Math.ceil(seconds * FAILURES.perSecond));
    for (const response of heldBack) expectHeldBack(response);

    // Held back, the address still gets through with a credential the gateway holds.
    const mixed = await Promise.all(
      Array.from({ length: 40 }, (_, i) => walletWithKey(gateway, tenant, i % 4 === 0 ? tenant.api_key : junkKey())),
    );
    const real = mixed.filter((_, i) => i % 4 === 0);
    expect(real.map((r) => r.status)).toEqual(real.map(() => 200));
    expect(mixed.filter((r) => r.status === 429).length).toBeGreaterThan(0);

    const metrics = await call<string>(gateway.opsUrl, 'GET', '/metrics');
    const refused = /^rate_limited_total\{gateway="admin-gateway",scope="address"\} (\d+)$/m.exec(metrics.body);
    expect(Number(refused?.[1])).toBeGreaterThanOrEqual(heldBack.length);
  });
});

describe('failed authentications behind a trusted proxy (distributed, a gateway of its own)', () => {
  const stack: StackInfo = stacks().find((s) => s.mode === 'distributed')!;
  let gateway: GatewayBeside;
  let tenant: TestTenant;

  beforeAll(async () => {
    [gateway, tenant] = await Promise.all([
      startGatewayBeside(stack, 'admin-gateway', { workspaceRoot, env: { ...failureLimitEnv, TRUSTED_PROXIES: 'loopback' } }),
      createTenant(stack),
    ]);
  });

  afterAll(async () => {
    expect(await gateway?.stop()).toBe(0);
  });

  it('counts the client the proxy names: one client held back, another still answered 401', async () => {
    const from = (address: string) => walletWithKey(gateway, tenant, junkKey(), { 'x-forwarded-for': address });
    const flood = await Promise.all(Array.from({ length: FAILURES.burst * 2 }, () => from('203.0.113.7')));
    expect(flood.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect((await from('203.0.113.8')).status).toBe(401);
  });
});
