import Fastify, { FastifyInstance } from 'fastify';
import { answerCors, CorsPolicy } from './cors';
import { allowedMethods, answerWrongMethods } from './method-not-allowed';

/** A bare Fastify with the two hooks in the order createHttpApp adds them, and a few routes. */
async function appWith(policy?: CorsPolicy): Promise<FastifyInstance> {
  const app = Fastify({ routerOptions: { ignoreDuplicateSlashes: true } });
  answerCors(app, policy);
  answerWrongMethods(app);
  app.get('/v1/wallets/:user_id', async () => ({ ok: true }));
  app.post('/v1/rewards/purchase/:slug', async () => ({ ok: true }));
  app.put('/v1/things/:id', async () => ({ ok: true }));
  app.delete('/v1/things/:id', async () => ({ ok: true }));
  await app.ready();
  return app;
}

const ALLOWED_ORIGIN = 'https://game.example.com';
const policy: CorsPolicy = { allows: async (origin) => origin === ALLOWED_ORIGIN };

describe('405 with Allow', () => {
  let app: FastifyInstance;
  beforeAll(async () => (app = await appWith(policy)));
  afterAll(() => app.close());

  it('lists the methods a path takes (HEAD with GET, OPTIONS always), ignoring the query', () => {
    expect(allowedMethods(app, '/v1/wallets/alice?x=1')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods(app, '/v1/things/7')).toEqual(['PUT', 'DELETE', 'OPTIONS']);
    expect(allowedMethods(app, '//v1//rewards/purchase/hoodie')).toEqual(['POST', 'OPTIONS']);
    expect(allowedMethods(app, '/v1/nothing')).toEqual([]);
  });

  it.each(['DELETE', 'POST', 'PATCH', 'PUT'] as const)('%s on a GET path is 405 in the error shape', async (method) => {
    const response = await app.inject({ method, url: '/v1/wallets/alice?limit=1' });
    expect(response.statusCode).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD, OPTIONS');
    expect(response.json()).toEqual({
      statusCode: 405,
      error: 'Method Not Allowed',
      code: 'METHOD_NOT_ALLOWED',
      message: `${method} is not allowed on /v1/wallets/alice: it takes GET, HEAD, OPTIONS`,
    });
  });

  it('keeps the routes themselves and 404 for a path nothing serves', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/wallets/alice' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'HEAD', url: '/v1/wallets/alice' })).statusCode).toBe(200);
    const unknown = await app.inject({ method: 'DELETE', url: '/v1/nothing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['allow']).toBeUndefined();
    expect((await app.inject({ method: 'OPTIONS', url: '/v1/nothing' })).statusCode).toBe(404);
  });

  it('answers a plain OPTIONS (not a preflight) on a known path with 204 and Allow', async () => {
    const response = await app.inject({ method: 'OPTIONS', url: '/v1/rewards/purchase/hoodie' });
    expect(response.statusCode).toBe(204);
    expect(response.headers['allow']).toBe('POST, OPTIONS');
    expect(response.body).toBe('');
  });
});

describe('CORS', () => {
  const preflight = (app: FastifyInstance, origin: string, url = '/v1/rewards/purchase/hoodie') =>
    app.inject({ method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });

  describe('with a policy', () => {
    let app: FastifyInstance;
    beforeAll(async () => (app = await appWith(policy)));
    afterAll(() => app.close());

    it('an allowed origin’s preflight is 204 with the Access-Control-* headers, on any path', async () => {
      for (const url of ['/v1/rewards/purchase/hoodie', '/v1/nothing']) {
        const response = await preflight(app, ALLOWED_ORIGIN, url);
        expect(response.statusCode).toBe(204);
        expect(response.headers).toMatchObject({
          'access-control-allow-origin': ALLOWED_ORIGIN,
          'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE',
          'access-control-allow-headers': 'Authorization, Content-Type, If-None-Match, X-Request-Id',
          'access-control-max-age': '600',
          vary: 'Origin',
        });
        expect(response.body).toBe('');
      }
    });

    it('a refused origin’s preflight is 403 saying why, with no Access-Control-* header', async () => {
      const response = await preflight(app, 'https://evil.example.com');
      expect(response.statusCode).toBe(403);
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(response.json()).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        code: 'FORBIDDEN',
        message: expect.stringContaining('Origin https://evil.example.com may not call this API from a browser'),
      });
    });

    it('an undecidable origin is refused', async () => {
      const failing = await appWith({ allows: () => Promise.reject(new Error('catalog down')) });
      expect((await preflight(failing, ALLOWED_ORIGIN)).statusCode).toBe(403);
      await failing.close();
    });

    it('exposes the headers an app reads on actual requests from an allowed origin, 405s included', async () => {
      for (const method of ['GET', 'DELETE'] as const) {
        const response = await app.inject({ method, url: '/v1/wallets/alice', headers: { origin: ALLOWED_ORIGIN } });
        expect(response.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
        expect(response.headers['access-control-expose-headers']).toBe('X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, ETag');
      }
      const refused = await app.inject({ method: 'GET', url: '/v1/wallets/alice', headers: { origin: 'https://evil.example.com' } });
      expect(refused.statusCode).toBe(200);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      expect(refused.headers['vary']).toBe('Origin');
    });
  });

  it('without a policy every preflight is refused and no response carries CORS headers', async () => {
    const app = await appWith();
    const response = await preflight(app, ALLOWED_ORIGIN);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN', message: 'This API takes no cross-origin requests from browsers' });
    const actual = await app.inject({ method: 'GET', url: '/v1/wallets/alice', headers: { origin: ALLOWED_ORIGIN } });
    expect(actual.headers['access-control-allow-origin']).toBeUndefined();
    expect(actual.headers['vary']).toBeUndefined();
    await app.close();
  });
});
