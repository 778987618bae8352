import { call, CONFIGURED_CORS_ORIGIN, createReward, createTenant, StackInfo, TestTenant, userToken } from '@phoenix/testing';
import { eachMode } from './stacks';

const REFUSED_ORIGIN = 'https://evil.example.com';
const EXPOSED = 'X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, ETag';

const preflight = (baseUrl: string, path: string, origin: string) =>
  fetch(`${baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });
const corsHeaders = (headers: Headers) => [...headers.keys()].filter((name) => name.startsWith('access-control-'));

// Issue 11, point 6: the HTTP answers a client expects for a wrong method and for CORS, on both
// gateways (README, "HTTP methods and CORS").
describe.each(eachMode())('wrong methods and CORS (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await createTenant(stack);
  });

  describe('a known path with a wrong method is 405 with Allow, before any credential is asked for', () => {
    const order = '/v1/tenants/t1/reward-orders/00000000-0000-4000-8000-000000000000';
    it.each([
      ['query', 'DELETE', '/v1/wallets/alice', 'GET, HEAD, OPTIONS'],
      ['query', 'GET', '/v1/rewards/purchase/hoodie', 'POST, OPTIONS'],
      ['query', 'PUT', '/v1/rewards/acme/catalog?limit=5', 'GET, HEAD, OPTIONS'],
      ['query', 'PROPFIND', '/v1/rewards/purchase/hoodie', 'POST, OPTIONS'],
      ['admin', 'PATCH', order, 'GET, HEAD, PUT, OPTIONS'],
      ['admin', 'GET', `${order}/refund`, 'POST, OPTIONS'],
      ['admin', 'DELETE', '/v1/tenants', 'POST, OPTIONS'],
      ['admin', 'POST', '/docs-json', 'GET, HEAD, OPTIONS'],
    ] as const)('%s gateway: %s %s', async (gateway, method, path, allow) => {
      const response = await call(gateway === 'query' ? stack.queryUrl : stack.adminUrl, method, path);
      expect({ status: response.status, allow: response.headers.get('allow') }).toEqual({ status: 405, allow });
      expect(response.body).toEqual({
        statusCode: 405,
        error: 'Method Not Allowed',
        code: 'METHOD_NOT_ALLOWED',
        message: `${method} is not allowed on ${path.split('?')[0]}: it takes ${allow}`,
      });
    });
  });

  it('an unknown path stays 404 whatever the method, without Allow', async () => {
    for (const [url, method] of [
      [stack.queryUrl, 'GET'],
      [stack.queryUrl, 'DELETE'],
      [stack.queryUrl, 'OPTIONS'],
      [stack.adminUrl, 'POST'],
    ] as const) {
      const response = await call(url, method, '/v1/nothing-here');
      expect({ status: response.status, allow: response.headers.get('allow'), code: response.body?.code }).toEqual({ status: 404, allow: null, code: 'NOT_FOUND' });
    }
  });

  it('a plain OPTIONS (no preflight) on a known path is 204 with Allow', async () => {
    const response = await call(stack.adminUrl, 'OPTIONS', `/v1/tenants/${tenant.id}/reward-orders`);
    expect({ status: response.status, allow: response.headers.get('allow') }).toEqual({ status: 204, allow: 'GET, HEAD, OPTIONS' });
  });

  describe('query gateway CORS', () => {
    it('an allowed origin’s preflight: 204 with the Access-Control-* headers', async () => {
      const response = await preflight(stack.queryUrl, '/v1/rewards/purchase/hoodie', CONFIGURED_CORS_ORIGIN);
      expect(response.status).toBe(204);
      expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'))).toEqual({
        'access-control-allow-origin': CONFIGURED_CORS_ORIGIN,
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE',
        'access-control-allow-headers': 'Authorization, Content-Type, If-None-Match, X-Request-Id',
        'access-control-max-age': '600',
        vary: 'Origin',
      });
      expect(await response.text()).toBe('');
    });

    it('a refused origin’s preflight: 403 in the error shape naming the reason, and no Access-Control-* header', async () => {
      const response = await preflight(stack.queryUrl, '/v1/rewards/purchase/hoodie', REFUSED_ORIGIN);
      expect(response.status).toBe(403);
      expect(corsHeaders(response.headers)).toEqual([]);
      expect(await response.json()).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        code: 'FORBIDDEN',
        message: `Origin ${REFUSED_ORIGIN} may not call this API from a browser: it is neither in CORS_ALLOWED_ORIGINS nor in a tenant's allowed_origins`,
      });
    });

    it('an allowed origin reads the request id, the rate budget and the catalog ETag; on errors too', async () => {
      await createReward(stack, tenant, { purchase: { prices: [{ currency: 'gold', amount: 1 }] } });
      const headers = { origin: CONFIGURED_CORS_ORIGIN, authorization: `Bearer ${userToken(tenant.jwt_secret, { sub: 'alice', tenant_id: tenant.id })}` };
      const catalog = await call(stack.queryUrl, 'GET', '/v1/rewards/catalog', { headers });
      expect(catalog.status).toBe(200);
      expect(catalog.headers.get('etag')).toBeTruthy();
      for (const response of [catalog, await call(stack.queryUrl, 'DELETE', '/v1/wallets/alice', { headers })]) {
        expect(response.headers.get('access-control-allow-origin')).toBe(CONFIGURED_CORS_ORIGIN);
        expect(response.headers.get('access-control-expose-headers')).toBe(EXPOSED);
        expect(response.headers.get('x-request-id')).toBeTruthy();
      }
      const refused = await call(stack.queryUrl, 'GET', '/v1/rewards/catalog', { headers: { ...headers, origin: REFUSED_ORIGIN } });
      expect(refused.status).toBe(200);
      expect(corsHeaders(refused.headers)).toEqual([]);
    });
  });

  it('the admin gateway takes no cross-origin calls: every preflight is 403 saying so', async () => {
    const response = await preflight(stack.adminUrl, `/v1/tenants/${tenant.id}/reward-orders`, CONFIGURED_CORS_ORIGIN);
    expect(response.status).toBe(403);
    expect(corsHeaders(response.headers)).toEqual([]);
    expect(await response.json()).toMatchObject({ code: 'FORBIDDEN', message: 'This API takes no cross-origin requests from browsers' });
  });
});
