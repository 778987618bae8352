import { verifyRequestSignature } from '@phoenix/auth';
import { createAdminClient, createQueryClient } from './clients';
import { PhoenixApiError, unwrap } from './errors';
import type { HttpErrorBody } from './schemas';

/** A fetch that answers the given responses in turn and keeps each request it got. */
function recording(...responses: Array<() => Response>) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return responses[Math.min(requests.length - 1, responses.length - 1)]!();
  };
  return { fetch, requests };
}
const json = (status: number, body: unknown) => () => Response.json(body, { status });
const error503 = json(503, { statusCode: 503, error: 'Service Unavailable', code: 'UNAVAILABLE', message: 'rewards-catalog did not answer' });
const noWait = { sleep: async () => undefined };

describe('createQueryClient', () => {
  it('sends the user token as a bearer, asking a token function again on every attempt', async () => {
    let minted = 0;
    const { fetch, requests } = recording(error503, json(200, { tenant_id: 't', user_id: 'u1', balances: {}, xp: 0, badges: [] }));
    const query = createQueryClient({ baseUrl: 'http://query.test', token: async () => `token-${++minted}`, fetch, retry: noWait });
    const wallet = await unwrap(query.GET('/v1/wallets/{user_id}', { params: { path: { user_id: 'u1' } } }));
    expect(wallet.user_id).toBe('u1');
    expect(requests.map((r) => [r.url, r.headers.get('authorization')])).toEqual([
      ['http://query.test/v1/wallets/u1', 'Bearer token-1'],
      ['http://query.test/v1/wallets/u1', 'Bearer token-2'],
    ]);
  });

  it('signs each attempt of an HMAC call anew: a resend carries a signature the gateway has not seen', async () => {
    const { fetch, requests } = recording(error503, json(201, { order: {}, was_cached: false }));
    const credentials = { tenantId: 'acme', secret: 'hmac-secret' };
    const query = createQueryClient({ baseUrl: 'http://query.test', hmac: credentials, fetch, retry: noWait });
    await query.POST('/v1/rewards/purchase/{slug}', { params: { path: { slug: 'airtime' } }, body: { user_id: 'u1', idempotency_key: 'k', currency: 'gold', fields: {} } });
    expect(requests).toHaveLength(2);
    const signatures = requests.map((r) => r.headers.get('x-phoenix-signature'));
    expect(signatures[0]).not.toBe(signatures[1]);
    for (const request of requests) {
      const verdict = verifyRequestSignature(
        credentials.secret,
        { method: 'POST', pathWithQuery: '/v1/rewards/purchase/airtime', rawBody: await request.text(), timestamp: request.headers.get('x-phoenix-timestamp')! },
        request.headers.get('x-phoenix-signature')!,
        Math.floor(Date.now() / 1000),
        300,
      );
      expect(verdict).toEqual({ ok: true });
    }
  });

  it('types error answers as HttpErrorBody; unwrap throws them as PhoenixApiError', async () => {
    const body: HttpErrorBody = { statusCode: 402, error: 'Payment Required', code: 'INSUFFICIENT_BALANCE', message: 'Balance 10 is below the price 500' };
    const { fetch } = recording(() => Response.json(body, { status: 402, headers: { 'x-request-id': 'req-1' } }));
    const query = createQueryClient({ baseUrl: 'http://query.test', token: 't', fetch, retry: false });
    const call = () => query.POST('/v1/rewards/purchase/{slug}', { params: { path: { slug: 'airtime' } }, body: { user_id: 'u1', idempotency_key: 'k', currency: 'gold', fields: {} } });
    const { error } = await call();
    expect(error?.code).toBe('INSUFFICIENT_BALANCE');
    const thrown = await unwrap(call()).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(PhoenixApiError);
    expect(thrown).toMatchObject({ status: 402, code: 'INSUFFICIENT_BALANCE', requestId: 'req-1', body, message: '402 INSUFFICIENT_BALANCE: Balance 10 is below the price 500' });
  });

  it('makes a PhoenixApiError of an answer without the error body (a proxy in front)', async () => {
    const { fetch } = recording(() => new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }));
    const query = createQueryClient({ baseUrl: 'http://query.test', token: 't', fetch, retry: false });
    const thrown = await unwrap(query.GET('/v1/rewards/catalog')).catch((e: unknown) => e);
    expect(thrown).toMatchObject({ status: 502, code: 'UNAVAILABLE' });
  });

  it('takes one credential', () => {
    expect(() => createQueryClient({ baseUrl: 'http://q', token: 't', hmac: { tenantId: 'a', secret: 's' } })).toThrow(TypeError);
    expect(() => createAdminClient({ baseUrl: 'http://a', apiKey: 'k', adminToken: 't' })).toThrow(TypeError);
  });
});

describe('createAdminClient', () => {
  it('sends the API key as X-API-Key, or an admin JWT as a bearer', async () => {
    const { fetch, requests } = recording(json(200, { rewards: [], total: 0, limit: 50, offset: 0 }));
    await createAdminClient({ baseUrl: 'http://admin.test', apiKey: 'key-1', fetch }).GET('/v1/tenants/{tenant_id}/rewards-catalog', { params: { path: { tenant_id: 'acme' } } });
    await createAdminClient({ baseUrl: 'http://admin.test', adminToken: 'jwt-1', fetch, headers: { 'x-request-id': 'r-9' } }).GET('/v1/tenants/{tenant_id}/rewards-catalog', {
      params: { path: { tenant_id: 'acme' }, query: { active: 'false' } },
    });
    expect(requests.map((r) => [r.url, r.headers.get('x-api-key'), r.headers.get('authorization'), r.headers.get('x-request-id')])).toEqual([
      ['http://admin.test/v1/tenants/acme/rewards-catalog', 'key-1', null, null],
      ['http://admin.test/v1/tenants/acme/rewards-catalog?active=false', null, 'Bearer jwt-1', 'r-9'],
    ]);
  });
});
