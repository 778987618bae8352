import { ReplayGuard, signRequest, verifyRequestSignature } from '@phoenix/auth';
import createClient from 'openapi-fetch';
import { createHmacSigner, hmacHeaders, hmacMiddleware } from './hmac';
import type { QueryPaths } from './schemas';

const CREDENTIALS = { tenantId: 'acme', secret: 'tenant-hmac-secret-0123456789' };
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What the query gateway's guard decides of a request with these headers. */
function gatewayVerdict(headers: Record<string, string> | Headers, request: { method: string; pathWithQuery: string; body: string }) {
  const read = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]) ?? '';
  return verifyRequestSignature(
    CREDENTIALS.secret,
    { method: request.method, pathWithQuery: request.pathWithQuery, rawBody: request.body, timestamp: read('x-phoenix-timestamp') },
    read('x-phoenix-signature'),
    nowSeconds(),
    300,
  );
}

describe('hmacHeaders', () => {
  it("signs exactly as libs/auth's signRequest: the same hex for the same timestamp, method, path+query and body", async () => {
    const request = { method: 'post', pathWithQuery: '/v1/rewards/purchase/airtime?x=1&y=%20', body: '{"user_id":"u1","idempotency_key":"k"}', timestamp: 1769596260 };
    const headers = await hmacHeaders(CREDENTIALS, request);
    expect(headers).toEqual({
      'x-phoenix-tenant': 'acme',
      'x-phoenix-timestamp': '1769596260',
      'x-phoenix-signature': signRequest(CREDENTIALS.secret, { ...request, rawBody: request.body, timestamp: '1769596260' }),
    });
    const bytes = await hmacHeaders(CREDENTIALS, { ...request, body: new TextEncoder().encode(request.body) });
    expect(bytes['x-phoenix-signature']).toBe(headers['x-phoenix-signature']);
  });

  it("is accepted by the gateway's check, and refused once the body, path, method or secret differ", async () => {
    const request = { method: 'GET', pathWithQuery: '/v1/wallets/u1', body: '' };
    const headers = await hmacHeaders(CREDENTIALS, request);
    expect(gatewayVerdict(headers, request)).toEqual({ ok: true });
    expect(gatewayVerdict(headers, { ...request, body: ' ' }).ok).toBe(false);
    expect(gatewayVerdict(headers, { ...request, pathWithQuery: '/v1/wallets/u2' }).ok).toBe(false);
    expect(gatewayVerdict(headers, { ...request, method: 'DELETE' }).ok).toBe(false);
    const other = await hmacHeaders({ ...CREDENTIALS, secret: 'another' }, request);
    expect(gatewayVerdict(other, request).ok).toBe(false);
    const stale = await hmacHeaders(CREDENTIALS, { ...request, timestamp: nowSeconds() - 301 });
    expect(gatewayVerdict(stale, request).ok).toBe(false);
  });
});

describe('hmacMiddleware', () => {
  it('signs what openapi-fetch sends: the path with its query string and the serialised body', async () => {
    const sent: Request[] = [];
    const client = createClient<QueryPaths>({
      baseUrl: 'http://gateway.test',
      fetch: async (request) => {
        sent.push(request);
        return Response.json({ order: {}, was_cached: false });
      },
    });
    client.use(hmacMiddleware(CREDENTIALS));
    await client.POST('/v1/rewards/purchase/{slug}', {
      params: { path: { slug: 'airtime-topup' } },
      body: { user_id: 'user_123', idempotency_key: 'k-1', currency: 'gold_coins', fields: { phone_number: '+251912345678' } },
    });
    await client.GET('/v1/rewards/catalog', { params: { query: { balance: 1500, purchasable: true } } });
    const [purchase, catalog] = sent as [Request, Request];
    expect(gatewayVerdict(purchase.headers, { method: 'POST', pathWithQuery: '/v1/rewards/purchase/airtime-topup', body: await purchase.clone().text() })).toEqual({ ok: true });
    expect(new URL(catalog.url).search).toBe('?balance=1500&purchasable=true');
    expect(gatewayVerdict(catalog.headers, { method: 'GET', pathWithQuery: '/v1/rewards/catalog?balance=1500&purchasable=true', body: '' })).toEqual({ ok: true });
    expect(catalog.headers.get('x-phoenix-tenant')).toBe('acme');
  });
});

describe('createHmacSigner', () => {
  it("signs identical requests in one second differently, so the gateway's replay guard takes each", async () => {
    const sign = createHmacSigner(CREDENTIALS);
    const replays = new ReplayGuard(300);
    const request = () => new Request('http://gateway.test/v1/wallets/u1?x=1');
    const signed = await Promise.all([sign(request()), sign(request()), sign(request())]);
    const signatures = signed.map((r) => r.headers.get('x-phoenix-signature')!);
    expect(new Set(signatures).size).toBe(3);
    for (const r of signed) {
      expect(gatewayVerdict(r.headers, { method: 'GET', pathWithQuery: '/v1/wallets/u1?x=1', body: '' })).toEqual({ ok: true });
      expect(replays.firstUse(r.headers.get('x-phoenix-signature')!, nowSeconds())).toBe(true);
    }
    const timestamps = signed.map((r) => Number(r.headers.get('x-phoenix-timestamp')) - nowSeconds());
    expect(Math.max(...timestamps)).toBeLessThanOrEqual(3);
  });
});
