import {
  adminToken,
  call,
  CONFIGURED_CORS_ORIGIN,
  createReward,
  createTenant,
  credit,
  hmacHeaders,
  sqlRows,
  StackInfo,
  TestTenant,
  userToken,
} from '@phoenix/testing';
import { createHash, createHmac, generateKeyPairSync } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { eachMode, stacks } from './stacks';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const exp = () => Math.floor(Date.now() / 1000) + 600;

/** A token whose header names RS256 but whose signature is HS256 with `secret`. */
function algMismatch(claims: object, secret: string): string {
  const signed = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

describe.each(eachMode())('authentication and binding (%s)', (_mode, stack: StackInfo) => {
  let a: TestTenant;
  let b: TestTenant;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    [a, b] = await Promise.all([createTenant(stack), createTenant(stack)]);
  });

  describe('admin gateway', () => {
    const wallet = (tenantId: string, headers: Record<string, string>) =>
      call(stack.adminUrl, 'GET', `/v1/tenants/${tenantId}/wallets/u1`, { headers });

    it('only the platform key creates tenants: a tenant credential is 403, no credential or a bad one 401', async () => {
      const json = { name: 'x' };
      expect((await call(stack.adminUrl, 'POST', '/v1/tenants', { json })).status).toBe(401);
      expect((await call(stack.adminUrl, 'POST', '/v1/tenants', { json, headers: { 'x-api-key': 'nope' } })).status).toBe(401);
      expect((await call(stack.adminUrl, 'POST', '/v1/tenants', { json, headers: { 'x-api-key': a.api_key } })).status).toBe(403);
      const adminJwt = adminToken(stack.adminJwtSecret, { sub: 'ops', tenant_id: a.id });
      expect((await call(stack.adminUrl, 'POST', '/v1/tenants', { json, headers: bearer(adminJwt) })).status).toBe(403);
    });

    it('only the platform key reads a tenant or rotates its keys, even the tenant’s own credentials are 403', async () => {
      const platform = { 'x-api-key': stack.platformKey };
      const adminJwt = bearer(adminToken(stack.adminJwtSecret, { sub: 'ops', tenant_id: a.id }));
      for (const headers of [{ 'x-api-key': a.api_key }, adminJwt]) {
        const got = await call(stack.adminUrl, 'GET', `/v1/tenants/${a.id}`, { headers });
        expect(got.status).toBe(403);
        expect(got.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/not accepted on this route/) });
        const rotated = await call(stack.adminUrl, 'POST', `/v1/tenants/${a.id}/keys`, { headers, json: { keys: ['jwt_secret'] } });
        expect(rotated.status).toBe(403);
        expect(rotated.body.jwt_secret).toBeUndefined();
      }
      // Nothing was rotated: the tenant's user tokens still verify, its key still works.
      const token = userToken(a.jwt_secret, { sub: 'alice', tenant_id: a.id });
      expect((await call(stack.queryUrl, 'GET', '/v1/wallets/alice', { headers: bearer(token) })).status).toBe(200);
      expect((await wallet(a.id, { 'x-api-key': a.api_key })).status).toBe(200);
      expect((await call(stack.adminUrl, 'GET', `/v1/tenants/${a.id}`, { headers: platform })).status).toBe(200);
    });

    it('accepts the tenant API key and an admin JWT on their own tenant, 403 on another', async () => {
      expect((await wallet(a.id, { 'x-api-key': a.api_key })).status).toBe(200);
      expect((await wallet(b.id, { 'x-api-key': a.api_key })).status).toBe(403);
      const jwtA = adminToken(stack.adminJwtSecret, { sub: 'ops', tenant_id: a.id });
      expect((await wallet(a.id, bearer(jwtA))).status).toBe(200);
      expect((await wallet(b.id, bearer(jwtA))).status).toBe(403);
    });

    it('rejects bad admin JWTs with 401', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const claims = { sub: 'ops', tenant_id: a.id, role: 'admin' };
      const bad: Record<string, string> = {
        'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp: exp() })}.`,
        expired: sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, stack.adminJwtSecret, { algorithm: 'HS256' }),
        'missing exp': sign(claims, stack.adminJwtSecret, { algorithm: 'HS256', noTimestamp: true }),
        'wrong secret': adminToken('x'.repeat(40), { sub: 'ops', tenant_id: a.id }),
        'RS256 when HS256 is configured': sign({ ...claims, exp: exp() }, privateKey, { algorithm: 'RS256' }),
        'HS256 keyed with the public key': sign(
          { ...claims, exp: exp() },
          publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          { algorithm: 'HS256', allowInsecureKeySizes: true } as never,
        ),
        'role not admin': adminToken(stack.adminJwtSecret, { sub: 'ops', tenant_id: a.id, role: 'viewer' }),
        'a user token': userToken(a.jwt_secret, { sub: 'u1', tenant_id: a.id }),
        garbage: 'not-a-jwt',
      };
      for (const [name, token] of Object.entries(bad)) {
        const response = await wallet(a.id, bearer(token));
        expect({ name, status: response.status, code: response.body.code }).toEqual({ name, status: 401, code: 'UNAUTHENTICATED' });
      }
    });

    it('404s a well-formed credential for a tenant that does not exist', async () => {
      const ghost = adminToken(stack.adminJwtSecret, { sub: 'ops', tenant_id: 'ghost-tenant' });
      const response = await wallet('ghost-tenant', bearer(ghost));
      expect(response.status).toBe(404);
      expect(response.body.message).toMatch(/Tenant not found/);
    });
  });

  describe('query gateway', () => {
    const walletOf = (userId: string, headers: Record<string, string>) => call(stack.queryUrl, 'GET', `/v1/wallets/${userId}`, { headers });

    it('lets a user read their own wallet and nobody else’s', async () => {
      const token = userToken(a.jwt_secret, { sub: 'alice', tenant_id: a.id });
      expect((await walletOf('alice', bearer(token))).status).toBe(200);
      const other = await walletOf('bob', bearer(token));
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('FORBIDDEN');
    });

    it('lets a service token act for any user of its tenant', async () => {
      const token = userToken(a.jwt_secret, { sub: 'backend', tenant_id: a.id, role: 'service' });
      const response = await walletOf('bob', bearer(token));
      expect(response.status).toBe(200);
      expect(response.body.tenant_id).toBe(a.id);
    });

    it('rejects bad user tokens with 401', async () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const bad: Record<string, string> = {
        'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'alice', tenant_id: a.id, exp: exp() })}.`,
        expired: sign({ sub: 'alice', tenant_id: a.id, exp: Math.floor(Date.now() / 1000) - 60 }, a.jwt_secret, { algorithm: 'HS256' }),
        'missing exp': sign({ sub: 'alice', tenant_id: a.id }, a.jwt_secret, { algorithm: 'HS256' }),
        "claims tenant A, signed with B's secret": userToken(b.jwt_secret, { sub: 'alice', tenant_id: a.id }),
        'unknown tenant': userToken(a.jwt_secret, { sub: 'alice', tenant_id: 'no-such-tenant' }),
        'HS384 with the right secret': sign({ sub: 'alice', tenant_id: a.id, exp: exp() }, a.jwt_secret, { algorithm: 'HS384' }),
        'admin token': adminToken(stack.adminJwtSecret, { sub: 'ops', tenant_id: a.id }),
        'RS256, signed with an RSA key': sign({ sub: 'alice', tenant_id: a.id, exp: exp() }, rsa.privateKey, { algorithm: 'RS256' }),
        'HS256 keyed with an RSA public key': sign(
          { sub: 'alice', tenant_id: a.id, exp: exp() },
          rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          { algorithm: 'HS256', allowInsecureKeySizes: true } as never,
        ),
        'header says RS256, HMAC-signed with the right secret': algMismatch({ sub: 'alice', tenant_id: a.id, exp: exp() }, a.jwt_secret),
      };
      for (const [name, token] of Object.entries(bad)) {
        const response = await walletOf('alice', bearer(token));
        expect({ name, status: response.status }).toEqual({ name, status: 401 });
      }
      expect((await walletOf('alice', {})).status).toBe(401);
    });

    it('accepts HMAC-signed requests and refuses stale, tampered and replayed ones', async () => {
      const path = '/v1/wallets/carol?probe=1';
      const good = hmacHeaders(a.id, a.hmac_secret, { method: 'GET', pathWithQuery: path });
      expect((await call(stack.queryUrl, 'GET', path, { headers: good })).status).toBe(200);
      const replay = await call(stack.queryUrl, 'GET', path, { headers: good });
      expect(replay.status).toBe(401);
      expect(replay.body.message).toMatch(/Replayed/);

      const stale = hmacHeaders(a.id, a.hmac_secret, { method: 'GET', pathWithQuery: path }, Math.floor(Date.now() / 1000) - 301);
      expect((await call(stack.queryUrl, 'GET', path, { headers: stale })).status).toBe(401);
      const future = hmacHeaders(a.id, a.hmac_secret, { method: 'GET', pathWithQuery: path }, Math.floor(Date.now() / 1000) + 301);
      expect((await call(stack.queryUrl, 'GET', path, { headers: future })).status).toBe(401);

      const signedForOther = hmacHeaders(a.id, a.hmac_secret, { method: 'GET', pathWithQuery: '/v1/wallets/dave' });
      expect((await call(stack.queryUrl, 'GET', path, { headers: signedForOther })).status).toBe(401);
      const wrongSecret = hmacHeaders(a.id, b.hmac_secret, { method: 'GET', pathWithQuery: path });
      expect((await call(stack.queryUrl, 'GET', path, { headers: wrongSecret })).status).toBe(401);
    });

    it('accepts an HMAC-signed POST with its body, refuses it with a tampered body or on another tenant’s path', async () => {
      const reward = await createReward(stack, a, { fields: [], fulfillment: { type: 'manual' }, purchase: { prices: [{ currency: 'gold', amount: 10 }] } });
      await credit(stack, a, 'signer', 'gold', 100);
      const balance = async () => (await walletOf('signer', bearer(userToken(a.jwt_secret, { sub: 'signer', tenant_id: a.id })))).body.balances.gold;
      const signedPost = (path: string, body: string, signedBody = body) =>
        call(stack.queryUrl, 'POST', path, {
          headers: { ...hmacHeaders(a.id, a.hmac_secret, { method: 'POST', pathWithQuery: path, body: signedBody }), 'content-type': 'application/json' },
          rawBody: body,
        });
      const purchase = (key: string, userId = 'signer') => JSON.stringify({ user_id: userId, idempotency_key: key, currency: 'gold', fields: {} });

      const tampered = await signedPost(`/v1/rewards/${a.id}/purchase/${reward.slug}`, purchase('h-1', 'someone-else'), purchase('h-1'));
      expect(tampered.status).toBe(401);
      expect(tampered.body.code).toBe('UNAUTHENTICATED');
      const otherTenant = await signedPost(`/v1/rewards/${b.id}/purchase/${reward.slug}`, purchase('h-2'));
      expect(otherTenant.status).toBe(403);
      expect(otherTenant.body.code).toBe('FORBIDDEN');
      expect(await balance()).toBe(100);

      const bought = await signedPost(`/v1/rewards/${a.id}/purchase/${reward.slug}`, purchase('h-3'));
      expect(bought.status).toBe(200);
      expect(bought.body).toMatchObject({ order: { user_id: 'signer', reward_id: reward.id }, was_cached: false });
      expect(await balance()).toBe(90);
    });

    it('answers CORS preflights for origins allowed by CORS_ALLOWED_ORIGINS, for every tenant', async () => {
      const preflight = await fetch(`${stack.queryUrl}/v1/rewards/catalog`, {
        method: 'OPTIONS',
        headers: { origin: CONFIGURED_CORS_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(CONFIGURED_CORS_ORIGIN);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
      // The actual request carries the header too, so the browser hands the response to the app.
      const token = userToken(a.jwt_secret, { sub: 'alice', tenant_id: a.id });
      const actual = await fetch(`${stack.queryUrl}/v1/wallets/alice`, { headers: { origin: CONFIGURED_CORS_ORIGIN, ...bearer(token) } });
      expect(actual.status).toBe(200);
      expect(actual.headers.get('access-control-allow-origin')).toBe(CONFIGURED_CORS_ORIGIN);
    });

    it('answers CORS preflights for configured tenant origins only', async () => {
      const withOrigins = await createTenant(stack, { allowed_origins: ['https://game.example.com'] });
      expect(withOrigins.id).toBeDefined();
      const preflight = (origin: string) =>
        fetch(`${stack.queryUrl}/v1/wallets/alice`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
        });
      const allowed = await preflight('https://game.example.com');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://game.example.com');
      expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const denied = await preflight('https://evil.example.com');
      expect(denied.status).toBe(403);
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

// SPEC §3: secrets stored hashed where only verification is needed. Read on the real Postgres
// of the distributed stack (the standalone's embedded one is not reachable from the tests).
describe('tenant API keys at rest (distributed)', () => {
  const stack = stacks().find((s) => s.mode === 'distributed')!;

  it('stores a tenant API key only as its SHA-256: the database never holds the key itself', async () => {
    const tenant = await createTenant(stack);
    const [row] = await sqlRows<Record<string, unknown>>(stack.databaseUrl!, `SELECT * FROM catalog.tenants WHERE id = $1`, [tenant.id]);
    expect(row?.['api_key_hash']).toBe(createHash('sha256').update(tenant.api_key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(tenant.api_key);
  });
});

// RFC 8725: a token of another type, with extensions we do not understand, living too long or
// naming nobody is refused by both gateways, like a bad signature.
describe.each(eachMode())('JWT hygiene (%s)', (_mode, stack: StackInfo) => {
  let a: TestTenant;
  const inOneHour = () => Math.floor(Date.now() / 1000) + 3_600;
  const hundredYears = () => Math.floor(Date.now() / 1000) + 100 * 365 * 86_400;
  const adminCall = (token: string) =>
    call(stack.adminUrl, 'GET', `/v1/tenants/${a.id}/wallets/u1`, { headers: { authorization: `Bearer ${token}` } });
  const userCall = (token: string) => call(stack.queryUrl, 'GET', '/v1/wallets/alice', { headers: { authorization: `Bearer ${token}` } });
  const signed = (claims: object, secret: string, header: object = {}) =>
    sign(claims, secret, { algorithm: 'HS256', header: { alg: 'HS256', typ: 'JWT', ...header } as never });
  const asAdmin = (claims: object = {}, header: object = {}) =>
    signed({ sub: 'ops', tenant_id: a.id, role: 'admin', exp: inOneHour(), ...claims }, stack.adminJwtSecret, header);
  const asUser = (claims: object = {}, header: object = {}) => signed({ sub: 'alice', tenant_id: a.id, exp: inOneHour(), ...claims }, a.jwt_secret, header);

  const expectRefused = (response: { status: number; body: any }, message: RegExp) => {
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(message) });
  };

  beforeAll(async () => {
    a = await createTenant(stack);
  });

  it('accepts typ JWT, application/jwt or none', async () => {
    for (const typ of ['JWT', 'application/jwt', undefined]) {
      expect({ typ, admin: (await adminCall(asAdmin({}, { typ }))).status }).toEqual({ typ, admin: 200 });
      expect({ typ, user: (await userCall(asUser({}, { typ }))).status }).toEqual({ typ, user: 200 });
    }
  });

  it('refuses typ at+jwt', async () => {
    expectRefused(await adminCall(asAdmin({}, { typ: 'at+jwt' })), /type "at\+jwt" is not accepted/);
    expectRefused(await userCall(asUser({}, { typ: 'at+jwt' })), /type "at\+jwt" is not accepted/);
  });

  it('refuses a token typed JWE', async () => {
    expectRefused(await adminCall(asAdmin({}, { typ: 'JWE' })), /type "JWE" is not accepted/);
    expectRefused(await userCall(asUser({}, { typ: 'JWE' })), /type "JWE" is not accepted/);
  });

  it('refuses an unknown crit extension', async () => {
    const header = { crit: ['urn:example:ext'], 'urn:example:ext': true };
    expectRefused(await adminCall(asAdmin({}, header)), /crit/);
    expectRefused(await userCall(asUser({}, header)), /crit/);
  });

  it('refuses an exp a hundred years away (more than JWT_MAX_LIFETIME_SECONDS)', async () => {
    expectRefused(await adminCall(asAdmin({ exp: hundredYears() })), /lifetime exceeds/);
    expectRefused(await userCall(asUser({ exp: hundredYears() })), /lifetime exceeds/);
  });

  it('refuses an admin JWT with an empty sub', async () => {
    expectRefused(await adminCall(asAdmin({ sub: '' })), /non-empty sub/);
  });
});

describe.each(eachMode())('HMAC tenant header (%s)', (_mode, stack: StackInfo) => {
  it('a malformed X-Phoenix-Tenant is 401, like an unknown one', async () => {
    const path = '/v1/wallets/carol';
    for (const tenantId of ['Not A Tenant!', 'x', 'catalog', 'no-such-tenant-here']) {
      const headers = hmacHeaders(tenantId, 'some-hmac-secret', { method: 'GET', pathWithQuery: path });
      const response = await call(stack.queryUrl, 'GET', path, { headers });
      expect({ tenantId, status: response.status, code: response.body.code }).toEqual({ tenantId, status: 401, code: 'UNAUTHENTICATED' });
    }
  });
});
