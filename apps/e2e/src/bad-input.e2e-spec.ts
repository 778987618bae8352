import { call, createTenant, credit, StackInfo, TestTenant, userToken } from '@phoenix/testing';
import { eachMode } from './stacks';

// Bad input anywhere gets a clear 4xx in the one error shape, and writes nothing.
describe.each(eachMode())('bad input (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;
  let path: string;
  let headers: Record<string, string>;

  const balance = async () => {
    const token = userToken(tenant.jwt_secret, { sub: 'victim', tenant_id: tenant.id });
    const response = await call(stack.queryUrl, 'GET', '/v1/wallets/victim', { headers: { authorization: `Bearer ${token}` } });
    return response.body.balances;
  };

  const expectError = (response: { status: number; body: any }, status: number) => {
    expect(response.status).toBe(status);
    expect(response.body).toEqual(
      expect.objectContaining({ statusCode: status, error: expect.any(String), code: expect.any(String), message: expect.any(String) }),
    );
  };

  beforeAll(async () => {
    tenant = await createTenant(stack);
    await credit(stack, tenant, 'victim', 'gold', 100);
    path = `/v1/tenants/${tenant.id}/wallets/victim/transactions`;
    headers = { 'x-api-key': tenant.api_key };
  });

  afterEach(async () => {
    expect(await balance()).toEqual({ gold: 100 });
  });

  const valid = { type: 'debit', currency: 'gold', amount: 10, reason: 'r', idempotency_key: 'k' };

  it('malformed JSON → 400', async () => {
    expectError(await call(stack.adminUrl, 'POST', path, { headers, rawBody: '{"type":"debit",' }), 400);
  });

  it('wrong types → 400 with per-field details', async () => {
    const response = await call(stack.adminUrl, 'POST', path, { headers, json: { ...valid, amount: '10', type: 7 } });
    expectError(response, 400);
    expect(response.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['amount', 'type']);
  });

  it('unknown fields → 400', async () => {
    const response = await call(stack.adminUrl, 'POST', path, { headers, json: { ...valid, sneaky: true } });
    expectError(response, 400);
    expect(response.body.message).toMatch(/sneaky/);
  });

  it('negative, fractional and huge amounts → 400', async () => {
    for (const amount of [-5, 0, 1.5, 1e16]) {
      expectError(await call(stack.adminUrl, 'POST', path, { headers, json: { ...valid, amount, idempotency_key: `a${amount}` } }), 400);
    }
  });

  it('a body over 1 MB → 413', async () => {
    const big = { ...valid, reason: 'x'.repeat(1_100_000) };
    expectError(await call(stack.adminUrl, 'POST', path, { headers, json: big }), 413);
  });

  it('a non-JSON content type → 415', async () => {
    expectError(await call(stack.adminUrl, 'POST', path, { headers: { ...headers, 'content-type': 'text/plain' }, rawBody: 'hello' }), 415);
  });

  it('an empty or array body → 400', async () => {
    expectError(await call(stack.adminUrl, 'POST', path, { headers, rawBody: '[]' }), 400);
    expectError(await call(stack.adminUrl, 'POST', path, { headers, rawBody: 'null' }), 400);
  });

  it('prototype pollution attempts → 400', async () => {
    expectError(await call(stack.adminUrl, 'POST', path, { headers, rawBody: `{"__proto__":{"admin":true},"type":"debit"}` }), 400);
  });

  it('bad path parameters → 400, unknown routes → 404, wrong method → 404', async () => {
    expectError(await call(stack.adminUrl, 'GET', `/v1/tenants/${tenant.id}/wallets/${'u'.repeat(200)}`, { headers }), 400);
    expectError(await call(stack.adminUrl, 'GET', '/v1/nothing-here', { headers }), 404);
    expectError(await call(stack.queryUrl, 'DELETE', '/v1/wallets/victim', { headers }), 404);
  });

  it('an unknown tenant → 403 with another tenant’s key, 404 with the platform key', async () => {
    expectError(await call(stack.adminUrl, 'POST', '/v1/tenants/no-such-tenant/wallets/victim/transactions', { headers, json: valid }), 403);
    expectError(await call(stack.adminUrl, 'GET', '/v1/tenants/no-such-tenant', { headers: { 'x-api-key': stack.platformKey } }), 404);
    expectError(await call(stack.adminUrl, 'POST', '/v1/tenants/no-such-tenant/keys', { headers: { 'x-api-key': stack.platformKey }, json: {} }), 404);
  });

  it('invalid tenant creation input → 400', async () => {
    const platform = { 'x-api-key': stack.platformKey };
    expectError(await call(stack.adminUrl, 'POST', '/v1/tenants', { headers: platform, json: { id: 'Bad Id!', name: 'x' } }), 400);
    expectError(await call(stack.adminUrl, 'POST', '/v1/tenants', { headers: platform, json: {} }), 400);
    expectError(await call(stack.adminUrl, 'POST', '/v1/tenants', { headers: platform, json: { name: 'x', allowed_origins: ['not a url'] } }), 400);
  });
});
