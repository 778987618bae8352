import { JwtAuthenticator, TenantDirectory, UserClaims } from '@phoenix/auth';
import { decode, verify } from 'jsonwebtoken';
import { MAX_TOKEN_LIFETIME_SECONDS, mintUserToken } from './tokens';

const SECRET = 'tenant-jwt-secret-0123456789abcdef';

/** The query gateway's own user-token strategy, with one tenant whose jwt_secret is `secret`. */
function gatewayVerifier(secret = SECRET) {
  const tenants: TenantDirectory = {
    authMaterial: async (id) => (id === 'acme' ? { tenant_id: 'acme', jwt_secret: secret, hmac_secret: 'h', allowed_origins: [] } : null),
    tenantForApiKeyHash: async () => null,
  };
  const authenticator = new JwtAuthenticator({ tenants });
  return (token: string) => authenticator.verify<UserClaims>('user-jwt', { headers: { authorization: `Bearer ${token}` } });
}

describe('mintUserToken', () => {
  it('mints an HS256 JWT with sub, tenant_id, iat and exp that jsonwebtoken verifies under the secret', async () => {
    const token = await mintUserToken({ secret: SECRET, tenantId: 'acme', userId: 'user_123', expiresInSeconds: 600 });
    expect(decode(token, { complete: true })?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = verify(token, SECRET, { algorithms: ['HS256'] }) as Record<string, number | string>;
    expect(claims).toEqual({ sub: 'user_123', tenant_id: 'acme', iat: expect.any(Number), exp: expect.any(Number) });
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(600);
    expect(Math.abs(Number(claims['iat']) - Date.now() / 1000)).toBeLessThan(2);
  });

  it("passes the query gateway's user-token strategy, as a user and as a service", async () => {
    const verifyOnGateway = gatewayVerifier();
    expect(await verifyOnGateway(await mintUserToken({ secret: SECRET, tenantId: 'acme', userId: 'u1', expiresInSeconds: 60 }))).toEqual({
      ok: true,
      claims: { sub: 'u1', tenant_id: 'acme' },
    });
    const service = await mintUserToken({ secret: SECRET, tenantId: 'acme', userId: 'backend', expiresInSeconds: MAX_TOKEN_LIFETIME_SECONDS, role: 'service' });
    expect(await verifyOnGateway(service)).toEqual({ ok: true, claims: { sub: 'backend', tenant_id: 'acme', role: 'service' } });
  });

  it('is refused by the gateway under another secret, for another tenant, and once expired', async () => {
    const verifyOnGateway = gatewayVerifier();
    const wrongSecret = await mintUserToken({ secret: 'another-secret', tenantId: 'acme', userId: 'u1', expiresInSeconds: 60 });
    expect((await verifyOnGateway(wrongSecret)).ok).toBe(false);
    expect((await verifyOnGateway(await mintUserToken({ secret: SECRET, tenantId: 'globex', userId: 'u1', expiresInSeconds: 60 }))).ok).toBe(false);
    const minted = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(minted - 120_000);
    const expired = await mintUserToken({ secret: SECRET, tenantId: 'acme', userId: 'u1', expiresInSeconds: 60 });
    clock.mockRestore();
    expect(await verifyOnGateway(expired)).toMatchObject({ ok: false, reason: 'jwt expired' });
  });

  it('refuses what the gateway would refuse: a lifetime over a day, none, an empty id or secret, another role', async () => {
    const base = { secret: SECRET, tenantId: 'acme', userId: 'u1', expiresInSeconds: 60 };
    await expect(mintUserToken({ ...base, expiresInSeconds: MAX_TOKEN_LIFETIME_SECONDS + 1 })).rejects.toThrow(RangeError);
    await expect(mintUserToken({ ...base, expiresInSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(mintUserToken({ ...base, expiresInSeconds: 1.5 })).rejects.toThrow(RangeError);
    await expect(mintUserToken({ ...base, userId: '' })).rejects.toThrow(TypeError);
    await expect(mintUserToken({ ...base, secret: '' })).rejects.toThrow(TypeError);
    await expect(mintUserToken({ ...base, role: 'admin' as 'service' })).rejects.toThrow(TypeError);
  });
});
