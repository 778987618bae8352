import { call, createTenant, GatewayBeside, startGatewayBeside, StackInfo, TestTenant } from '@phoenix/testing';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { sign, SignOptions } from 'jsonwebtoken';
import { stacks } from './stacks';

const workspaceRoot = resolve(__dirname, '../../..');
const KID = 'admin-key-1';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const inTenMinutes = () => Math.floor(Date.now() / 1000) + 600;

// RS256 admin JWTs through a running admin gateway: one started beside the distributed stack
// with ADMIN_JWKS_URL pointing at a JWKS server of this test, and no HS256 secret.
describe('admin JWT via JWKS (RS256) through the admin gateway', () => {
  const stack: StackInfo = stacks().find((s) => s.mode === 'distributed')!;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let jwks: Server;
  let jwksRequests = 0;
  let gateway: GatewayBeside;
  let a: TestTenant;
  let b: TestTenant;

  const claims = () => ({ sub: 'ops', tenant_id: a.id, role: 'admin' });
  const rs256 = (payload: object, options: SignOptions = {}) =>
    sign(payload, privateKey, { algorithm: 'RS256', keyid: KID, ...options });
  const get = (path: string, token: string) => call(gateway.url, 'GET', path, { headers: { authorization: `Bearer ${token}` } });
  const walletOf = (tenantId: string, token: string) => get(`/v1/tenants/${tenantId}/wallets/u1`, token);

  beforeAll(async () => {
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' };
    jwks = createServer((_request, response) => {
      jwksRequests += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((done) => jwks.listen(0, '127.0.0.1', done));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    [gateway, a, b] = await Promise.all([
      startGatewayBeside(stack, 'admin-gateway', { workspaceRoot, env: { ADMIN_JWKS_URL: jwksUrl, ADMIN_JWT_SECRET: '' } }),
      createTenant(stack),
      createTenant(stack),
    ]);
  });

  afterAll(async () => {
    await gateway?.stop();
    await new Promise((done) => jwks.close(done));
  });

  it("accepts an RS256 token signed by the published key on its tenant's routes, 403 on another tenant's", async () => {
    const token = rs256({ ...claims(), exp: inTenMinutes() });
    const own = await walletOf(a.id, token);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ tenant_id: a.id, user_id: 'u1' });
    expect(jwksRequests).toBeGreaterThan(0);

    const other = await walletOf(b.id, token);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    // Tenant management stays with the platform key.
    expect((await get(`/v1/tenants/${a.id}`, token)).status).toBe(403);
  });

  it('refuses alg none, expired, missing exp, an unknown kid, another key and HS256 keyed with the public key (401)', async () => {
    const bad: Record<string, string> = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT', kid: KID })}.${b64({ ...claims(), exp: inTenMinutes() })}.`,
      expired: rs256({ ...claims(), exp: Math.floor(Date.now() / 1000) - 60 }),
      'missing exp': rs256(claims(), { noTimestamp: true }),
      'unknown kid': rs256({ ...claims(), exp: inTenMinutes() }, { keyid: 'admin-key-2' }),
      'signed by another key': sign({ ...claims(), exp: inTenMinutes() }, stranger.privateKey, { algorithm: 'RS256', keyid: KID }),
      'HS256 keyed with the public key': sign(
        { ...claims(), exp: inTenMinutes() },
        publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        { algorithm: 'HS256', keyid: KID, allowInsecureKeySizes: true } as SignOptions,
      ),
      'role not admin': rs256({ ...claims(), role: 'viewer', exp: inTenMinutes() }),
    };
    for (const [name, token] of Object.entries(bad)) {
      const response = await walletOf(a.id, token);
      expect({ name, status: response.status, code: response.body.code }).toEqual({ name, status: 401, code: 'UNAUTHENTICATED' });
    }
  });
});
