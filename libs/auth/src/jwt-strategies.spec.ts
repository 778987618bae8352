import type { TenantAuthMaterial } from '@phoenix/contracts';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { sign, SignOptions } from 'jsonwebtoken';
import { AdminClaims, JwtAuthenticator, JwtVerdict, UserClaims } from './jwt-strategies';
import type { TenantDirectory } from './tenant-directory';

const ADMIN_SECRET = 'admin-secret-0123456789abcdef0123456789';
const OTHER_SECRET = 'other-secret-0123456789abcdef0123456789';
const TENANT_A_SECRET = 'tenant-a-jwt-secret-0123456789abcdef';
const TENANT_B_SECRET = 'tenant-b-jwt-secret-0123456789abcdef';

function bearer(token: string): { headers: { authorization: string } } {
  return { headers: { authorization: `Bearer ${token}` } };
}

function hs256(payload: object, secret: string, options: SignOptions = { expiresIn: '5m' }): string {
  return sign(payload, secret, { algorithm: 'HS256', ...options });
}

function base64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A JWT assembled by hand, for tokens a well-behaved library refuses to produce. */
function handmadeJwt(header: object, payload: object, signWith?: (signingInput: string) => string): string {
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  return `${signingInput}.${signWith ? signWith(signingInput) : ''}`;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function material(tenantId: string, jwtSecret: string): TenantAuthMaterial {
  return { tenant_id: tenantId, jwt_secret: jwtSecret, hmac_secret: `hmac-${tenantId}`, allowed_origins: [] };
}

function directoryOf(...materials: TenantAuthMaterial[]): TenantDirectory {
  const byTenant = new Map(materials.map((m) => [m.tenant_id, m]));
  return {
    tenantForApiKeyHash: async () => null,
    authMaterial: async (tenantId) => byTenant.get(tenantId) ?? null,
  };
}

function expectRefused<T>(verdict: JwtVerdict<T>, reason?: RegExp): void {
  expect(verdict).toEqual(expect.objectContaining({ ok: false, unavailable: false }));
  if (!verdict.ok) {
    expect(typeof verdict.reason).toBe('string');
    if (reason) expect(verdict.reason).toMatch(reason);
  }
}

describe('JwtAuthenticator', () => {
  describe('supports', () => {
    it('offers admin-jwt only when a secret or a JWKS url is configured', () => {
      expect(new JwtAuthenticator({}).supports('admin-jwt')).toBe(false);
      expect(new JwtAuthenticator({ admin: {} }).supports('admin-jwt')).toBe(false);
      expect(new JwtAuthenticator({ admin: { secret: '' } }).supports('admin-jwt')).toBe(false);
      expect(new JwtAuthenticator({ admin: { secret: ADMIN_SECRET } }).supports('admin-jwt')).toBe(true);
    });

    it('offers user-jwt only when a tenant directory is given', () => {
      expect(new JwtAuthenticator({ admin: { secret: ADMIN_SECRET } }).supports('user-jwt')).toBe(false);
      expect(new JwtAuthenticator({ tenants: directoryOf() }).supports('user-jwt')).toBe(true);
      expect(new JwtAuthenticator({ tenants: directoryOf() }).supports('admin-jwt')).toBe(false);
    });
  });

  describe('admin-jwt (HS256 secret)', () => {
    const authenticator = new JwtAuthenticator({ admin: { secret: ADMIN_SECRET } });
    const adminPayload = { sub: 'admin-1', tenant_id: 'tenant-a', role: 'admin' };
    const verifyAdmin = (token: string) => authenticator.verify<AdminClaims>('admin-jwt', bearer(token));

    it('accepts a valid admin token and returns only the known claims', async () => {
      const verdict = await verifyAdmin(hs256({ ...adminPayload, extra: 'ignored' }, ADMIN_SECRET));
      expect(verdict).toEqual({ ok: true, claims: { sub: 'admin-1', tenant_id: 'tenant-a', role: 'admin' } });
    });

    it('refuses an expired token', async () => {
      const token = hs256({ ...adminPayload, exp: nowSeconds() - 60 }, ADMIN_SECRET, {});
      expectRefused(await verifyAdmin(token), /expired/i);
    });

    it('refuses a token without exp', async () => {
      expectRefused(await verifyAdmin(hs256(adminPayload, ADMIN_SECRET, {})), /no exp/);
    });

    it.each(['user', 'service', 'Admin', undefined])('refuses role %p', async (role) => {
      expectRefused(await verifyAdmin(hs256({ ...adminPayload, role }, ADMIN_SECRET)), /role "admin"/);
    });

    it('refuses a token without tenant_id', async () => {
      expectRefused(await verifyAdmin(hs256({ sub: 'admin-1', role: 'admin' }, ADMIN_SECRET)), /tenant_id/);
    });

    it('refuses a token whose tenant_id is not a string', async () => {
      expectRefused(await verifyAdmin(hs256({ ...adminPayload, tenant_id: 42 }, ADMIN_SECRET)), /tenant_id/);
    });

    it('refuses a token without sub', async () => {
      expectRefused(await verifyAdmin(hs256({ tenant_id: 'tenant-a', role: 'admin' }, ADMIN_SECRET)), /sub/);
    });

    it('refuses an unsigned "alg: none" token', async () => {
      const token = handmadeJwt({ alg: 'none', typ: 'JWT' }, { ...adminPayload, exp: nowSeconds() + 300 });
      expect(token.endsWith('.')).toBe(true);
      expectRefused(await verifyAdmin(token), /algorithm none is not accepted/);
    });

    it('refuses an "alg: none" token that carries a valid HS256 signature anyway', async () => {
      const header = { alg: 'none', typ: 'JWT' };
      const token = handmadeJwt(header, { ...adminPayload, exp: nowSeconds() + 300 }, (input) =>
        createHmac('sha256', ADMIN_SECRET).update(input).digest('base64url'),
      );
      expectRefused(await verifyAdmin(token), /algorithm none is not accepted/);
    });

    it('refuses a token signed with another secret', async () => {
      expectRefused(await verifyAdmin(hs256(adminPayload, OTHER_SECRET)), /signature/i);
    });

    it('refuses a token whose payload was altered after signing', async () => {
      const [header, , signature] = hs256(adminPayload, ADMIN_SECRET).split('.');
      const forged = `${header}.${base64url({ ...adminPayload, tenant_id: 'tenant-b', exp: nowSeconds() + 300 })}.${signature}`;
      expectRefused(await verifyAdmin(forged));
    });

    describe('with an RSA key pair around', () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });

      it('refuses an RS256 token when only HS256 is configured', async () => {
        const token = sign({ ...adminPayload }, privateKey, { algorithm: 'RS256', expiresIn: '5m' });
        expectRefused(await verifyAdmin(token), /RS256 is not accepted/);
      });

      it('refuses an HS256 token keyed with the RSA public key PEM (algorithm confusion)', async () => {
        // jsonwebtoken refuses to HMAC-sign with a PEM key, so the signature is made by hand.
        const token = handmadeJwt({ alg: 'HS256', typ: 'JWT' }, { ...adminPayload, exp: nowSeconds() + 300 }, (input) =>
          createHmac('sha256', publicKey).update(input).digest('base64url'),
        );
        expectRefused(await verifyAdmin(token), /signature/i);
      });
    });

    it('refuses a request without a bearer token', async () => {
      expectRefused(await authenticator.verify('admin-jwt', { headers: {} }), /No auth token/);
      expectRefused(await authenticator.verify('admin-jwt', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), /No auth token/);
    });

    it('refuses garbage instead of throwing', async () => {
      expectRefused(await verifyAdmin('not-a-jwt'));
      expectRefused(await verifyAdmin('a.b.c'));
    });
  });

  describe('admin-jwt with issuer and audience', () => {
    const authenticator = new JwtAuthenticator({ admin: { secret: ADMIN_SECRET, issuer: 'https://idp.example', audience: 'phoenix' } });
    const payload = { sub: 'admin-1', tenant_id: 'tenant-a', role: 'admin' };

    it('accepts the configured issuer and audience', async () => {
      const token = hs256(payload, ADMIN_SECRET, { expiresIn: '5m', issuer: 'https://idp.example', audience: 'phoenix' });
      await expect(authenticator.verify('admin-jwt', bearer(token))).resolves.toEqual(expect.objectContaining({ ok: true }));
    });

    it('refuses another issuer or audience', async () => {
      const wrongIssuer = hs256(payload, ADMIN_SECRET, { expiresIn: '5m', issuer: 'https://evil.example', audience: 'phoenix' });
      const wrongAudience = hs256(payload, ADMIN_SECRET, { expiresIn: '5m', issuer: 'https://idp.example', audience: 'other' });
      expectRefused(await authenticator.verify('admin-jwt', bearer(wrongIssuer)), /issuer/);
      expectRefused(await authenticator.verify('admin-jwt', bearer(wrongAudience)), /audience/);
    });
  });

  describe('user-jwt (per-tenant HS256 secret)', () => {
    const tenants = directoryOf(material('tenant-a', TENANT_A_SECRET), material('tenant-b', TENANT_B_SECRET));
    const authenticator = new JwtAuthenticator({ tenants });
    const verifyUser = (token: string) => authenticator.verify<UserClaims>('user-jwt', bearer(token));

    it("accepts a token signed with the tenant's jwt_secret", async () => {
      const verdict = await verifyUser(hs256({ sub: 'user-1', tenant_id: 'tenant-a' }, TENANT_A_SECRET));
      expect(verdict).toEqual({ ok: true, claims: { sub: 'user-1', tenant_id: 'tenant-a' } });
    });

    it('accepts the explicit role "user" as the default (no role in the claims)', async () => {
      const verdict = await verifyUser(hs256({ sub: 'user-1', tenant_id: 'tenant-a', role: 'user' }, TENANT_A_SECRET));
      expect(verdict).toEqual({ ok: true, claims: { sub: 'user-1', tenant_id: 'tenant-a' } });
    });

    it('keeps role "service"', async () => {
      const verdict = await verifyUser(hs256({ sub: 'backend', tenant_id: 'tenant-b', role: 'service' }, TENANT_B_SECRET));
      expect(verdict).toEqual({ ok: true, claims: { sub: 'backend', tenant_id: 'tenant-b', role: 'service' } });
    });

    it("refuses a token for tenant A signed with tenant B's secret", async () => {
      expectRefused(await verifyUser(hs256({ sub: 'user-1', tenant_id: 'tenant-a' }, TENANT_B_SECRET)), /signature/i);
    });

    it('refuses an unknown tenant', async () => {
      expectRefused(await verifyUser(hs256({ sub: 'user-1', tenant_id: 'tenant-x' }, TENANT_A_SECRET)), /Unknown tenant/);
    });

    it('refuses a token without tenant_id', async () => {
      expectRefused(await verifyUser(hs256({ sub: 'user-1' }, TENANT_A_SECRET)), /tenant_id/);
    });

    it('refuses a token without exp', async () => {
      expectRefused(await verifyUser(hs256({ sub: 'user-1', tenant_id: 'tenant-a' }, TENANT_A_SECRET, {})), /no exp/);
    });

    it('refuses an expired token', async () => {
      const token = hs256({ sub: 'user-1', tenant_id: 'tenant-a', exp: nowSeconds() - 1 }, TENANT_A_SECRET, {});
      expectRefused(await verifyUser(token), /expired/i);
    });

    it.each(['admin', 'Service', 'superuser'])('refuses role %p', async (role) => {
      expectRefused(await verifyUser(hs256({ sub: 'user-1', tenant_id: 'tenant-a', role }, TENANT_A_SECRET)), /role/);
    });

    it('refuses an empty or missing sub', async () => {
      expectRefused(await verifyUser(hs256({ sub: '', tenant_id: 'tenant-a' }, TENANT_A_SECRET)), /sub/);
      expectRefused(await verifyUser(hs256({ tenant_id: 'tenant-a' }, TENANT_A_SECRET)), /sub/);
    });

    it('refuses an "alg: none" token', async () => {
      const token = handmadeJwt({ alg: 'none', typ: 'JWT' }, { sub: 'user-1', tenant_id: 'tenant-a', exp: nowSeconds() + 300 });
      expectRefused(await verifyUser(token));
    });

    it('does not accept the admin secret for user tokens', async () => {
      const both = new JwtAuthenticator({ admin: { secret: ADMIN_SECRET }, tenants });
      const token = hs256({ sub: 'user-1', tenant_id: 'tenant-a' }, ADMIN_SECRET);
      expectRefused(await both.verify('user-jwt', bearer(token)), /signature/i);
    });

    it('reports an unavailable directory as unavailable, not as a bad token', async () => {
      const failing: TenantDirectory = {
        tenantForApiKeyHash: async () => null,
        authMaterial: async () => {
          throw Object.assign(new Error('rewards-catalog did not answer'), { code: 'UNAVAILABLE' });
        },
      };
      const verdict = await new JwtAuthenticator({ tenants: failing }).verify(
        'user-jwt',
        bearer(hs256({ sub: 'user-1', tenant_id: 'tenant-a' }, TENANT_A_SECRET)),
      );
      expect(verdict).toEqual({ ok: false, unavailable: true, reason: 'rewards-catalog did not answer' });
    });

    it('reports any other directory failure as a refusal, not as unavailable', async () => {
      const failing: TenantDirectory = {
        tenantForApiKeyHash: async () => null,
        authMaterial: async () => {
          throw new Error('boom');
        },
      };
      const verdict = await new JwtAuthenticator({ tenants: failing }).verify(
        'user-jwt',
        bearer(hs256({ sub: 'user-1', tenant_id: 'tenant-a' }, TENANT_A_SECRET)),
      );
      expect(verdict).toEqual({ ok: false, unavailable: false, reason: 'boom' });
    });
  });

  describe('RFC 8725: token type, crit, lifetime and names', () => {
    const tenants = directoryOf(material('tenant-a', TENANT_A_SECRET));
    const lookups = jest.spyOn(tenants, 'authMaterial');
    const authenticator = new JwtAuthenticator({ admin: { secret: ADMIN_SECRET }, tenants, maxLifetimeSeconds: 3_600 });
    const user = { sub: 'user-1', tenant_id: 'tenant-a' };
    const admin = { sub: 'ops', tenant_id: 'tenant-a', role: 'admin' };
    const cases = [
      { strategy: 'user-jwt' as const, claims: user, secret: TENANT_A_SECRET },
      { strategy: 'admin-jwt' as const, claims: admin, secret: ADMIN_SECRET },
    ];
    const withHeader = (claims: object, secret: string, header: object) =>
      hs256(claims, secret, { expiresIn: '5m', header: { alg: 'HS256', ...header } as never });

    beforeEach(() => lookups.mockClear());

    it.each(cases)('$strategy: accepts typ JWT, application/jwt or none', async ({ strategy, claims, secret }) => {
      for (const header of [{ typ: 'JWT' }, { typ: 'application/jwt' }, { typ: undefined }]) {
        expect(await authenticator.verify(strategy, bearer(withHeader(claims, secret, header)))).toEqual(expect.objectContaining({ ok: true }));
      }
    });

    it.each(cases)('$strategy: refuses typ at+jwt and JWE, and any crit, before looking a key up', async ({ strategy, claims, secret }) => {
      expectRefused(await authenticator.verify(strategy, bearer(withHeader(claims, secret, { typ: 'at+jwt' }))), /type "at\+jwt" is not accepted/);
      expectRefused(await authenticator.verify(strategy, bearer(withHeader(claims, secret, { typ: 'JWE' }))), /type "JWE" is not accepted/);
      expectRefused(await authenticator.verify(strategy, bearer(withHeader(claims, secret, { crit: ['exp'] }))), /crit/);
      expect(lookups).not.toHaveBeenCalled();
    });

    it.each(cases)('$strategy: refuses a lifetime above the configured maximum', async ({ strategy, claims, secret }) => {
      const hundredYears = hs256(claims, secret, { expiresIn: '36500d' });
      expectRefused(await authenticator.verify(strategy, bearer(hundredYears)), /lifetime exceeds the maximum of 3600 s/);
      const withoutIat = hs256({ ...claims, exp: nowSeconds() + 7_200 }, secret, { noTimestamp: true });
      expectRefused(await authenticator.verify(strategy, bearer(withoutIat)), /lifetime exceeds/);
      const anHour = hs256(claims, secret, { expiresIn: 3_600 });
      expect(await authenticator.verify(strategy, bearer(anHour))).toEqual(expect.objectContaining({ ok: true }));
    });

    it('admin-jwt: refuses an empty sub or tenant_id', async () => {
      for (const claims of [{ ...admin, sub: '' }, { ...admin, tenant_id: '' }]) {
        expectRefused(await authenticator.verify('admin-jwt', bearer(hs256(claims, ADMIN_SECRET))), /non-empty sub and tenant_id/);
      }
    });

    it('defaults to a day', async () => {
      const defaults = new JwtAuthenticator({ admin: { secret: ADMIN_SECRET } });
      expect(await defaults.verify('admin-jwt', bearer(hs256(admin, ADMIN_SECRET, { expiresIn: '24h' })))).toEqual(expect.objectContaining({ ok: true }));
      expectRefused(await defaults.verify('admin-jwt', bearer(hs256(admin, ADMIN_SECRET, { expiresIn: '25h' }))), /lifetime/);
    });
  });

  describe('verified user tokens', () => {
    const mutableDirectory = (secret: { current: string }): TenantDirectory => ({
      tenantForApiKeyHash: async () => null,
      authMaterial: async (tenantId) => (tenantId === 'tenant-a' ? material('tenant-a', secret.current) : null),
    });

    afterEach(() => jest.useRealTimers());

    it('accepts a token seen before without checking its signature again', async () => {
      const jwt = new JwtAuthenticator({ tenants: directoryOf(material('tenant-a', TENANT_A_SECRET)) });
      const passport = jest.spyOn(jwt as unknown as { authenticate: () => unknown }, 'authenticate');
      const token = hs256({ sub: 'u1', tenant_id: 'tenant-a' }, TENANT_A_SECRET);
      const first = await jwt.verify<UserClaims>('user-jwt', bearer(token));
      const again = await jwt.verify<UserClaims>('user-jwt', bearer(token));
      expect(first).toEqual({ ok: true, claims: { sub: 'u1', tenant_id: 'tenant-a' } });
      expect(again).toEqual(first);
      expect(passport).toHaveBeenCalledTimes(1);
    });

    it('refuses a known token once its tenant has rotated the secret, and takes one signed with the new secret', async () => {
      const secret = { current: TENANT_A_SECRET };
      const jwt = new JwtAuthenticator({ tenants: mutableDirectory(secret) });
      const old = hs256({ sub: 'u1', tenant_id: 'tenant-a' }, TENANT_A_SECRET);
      expect((await jwt.verify('user-jwt', bearer(old))).ok).toBe(true);
      secret.current = OTHER_SECRET;
      expectRefused(await jwt.verify('user-jwt', bearer(old)), /signature/);
      expect((await jwt.verify('user-jwt', bearer(hs256({ sub: 'u1', tenant_id: 'tenant-a' }, OTHER_SECRET)))).ok).toBe(true);
    });

    it('refuses a known token once it has expired', async () => {
      jest.useFakeTimers({ now: new Date('2026-12-06T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
      const jwt = new JwtAuthenticator({ tenants: directoryOf(material('tenant-a', TENANT_A_SECRET)) });
      const token = hs256({ sub: 'u1', tenant_id: 'tenant-a' }, TENANT_A_SECRET, { expiresIn: 60 });
      expect((await jwt.verify('user-jwt', bearer(token))).ok).toBe(true);
      jest.setSystemTime(new Date('2026-12-06T12:01:00Z'));
      expectRefused(await jwt.verify('user-jwt', bearer(token)), /expired/);
    });

    it('does not let a known token vouch for a tampered copy of it', async () => {
      const jwt = new JwtAuthenticator({ tenants: directoryOf(material('tenant-a', TENANT_A_SECRET)) });
      const token = hs256({ sub: 'u1', tenant_id: 'tenant-a' }, TENANT_A_SECRET);
      expect((await jwt.verify('user-jwt', bearer(token))).ok).toBe(true);
      const [header, , signature] = token.split('.');
      const forged = `${header}.${base64url({ sub: 'someone-else', tenant_id: 'tenant-a', exp: nowSeconds() + 60 })}.${signature}`;
      expectRefused(await jwt.verify('user-jwt', bearer(forged)), /signature/);
    });
  });
});

