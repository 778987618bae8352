import { generateKeyPairSync } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { sign } from 'jsonwebtoken';
import { JwtAuthenticator } from './jwt-strategies';

// RS256 admin tokens verified against keys served by a real JWKS endpoint.
describe('admin JWT via JWKS (RS256)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let server: Server;
  let jwksUrl: string;
  let hits = 0;

  beforeAll(async () => {
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'key-1', use: 'sig', alg: 'RS256' };
    server = createServer((_req, res) => {
      hits += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const claims = { sub: 'ops', tenant_id: 'acme', role: 'admin' };
  const request = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it('accepts a token signed by a key the JWKS publishes', async () => {
    const jwt = new JwtAuthenticator({ admin: { jwksUrl } });
    const token = sign(claims, privateKey, { algorithm: 'RS256', keyid: 'key-1', expiresIn: 60 });
    await expect(jwt.verify('admin-jwt', request(token))).resolves.toEqual({ ok: true, claims });
    expect(hits).toBeGreaterThan(0);
  });

  it('refuses a token signed by another key, an unknown kid, or HS256 when only JWKS is configured', async () => {
    const jwt = new JwtAuthenticator({ admin: { jwksUrl } });
    const tokens = [
      sign(claims, other.privateKey, { algorithm: 'RS256', keyid: 'key-1', expiresIn: 60 }),
      sign(claims, privateKey, { algorithm: 'RS256', keyid: 'key-2', expiresIn: 60 }),
      sign(claims, 'h'.repeat(40), { algorithm: 'HS256', expiresIn: 60 }),
    ];
    for (const token of tokens) {
      await expect(jwt.verify('admin-jwt', request(token))).resolves.toMatchObject({ ok: false });
    }
  });

  it('accepts both kinds when both a secret and a JWKS are configured, each with its own key', async () => {
    const secret = 's'.repeat(40);
    const jwt = new JwtAuthenticator({ admin: { jwksUrl, secret } });
    const rs = sign(claims, privateKey, { algorithm: 'RS256', keyid: 'key-1', expiresIn: 60 });
    const hs = sign(claims, secret, { algorithm: 'HS256', expiresIn: 60 });
    await expect(jwt.verify('admin-jwt', request(rs))).resolves.toMatchObject({ ok: true });
    await expect(jwt.verify('admin-jwt', request(hs))).resolves.toMatchObject({ ok: true });
  });
});
