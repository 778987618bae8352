import { call, createReward, createTenant, credit, StackInfo, TestTenant, userToken } from '@phoenix/testing';
import { randomBytes } from 'node:crypto';
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

  it('headers above the HTTP parser limit → 431 in the error shape, on both gateways', async () => {
    for (const url of [stack.adminUrl, stack.queryUrl]) {
      const response = await call(url, 'GET', '/v1/wallets/victim', { headers: { ...headers, 'x-padding': 'p'.repeat(20_000) } });
      expectError(response, 431);
      expect(response.body).toEqual({
        statusCode: 431,
        error: 'Request Header Fields Too Large',
        code: 'HEADERS_TOO_LARGE',
        message: 'Request headers are too large',
      });
    }
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

  it('bad path parameters → 400, unknown routes → 404, wrong method → 405', async () => {
    expectError(await call(stack.adminUrl, 'GET', `/v1/tenants/${tenant.id}/wallets/${'u'.repeat(200)}`, { headers }), 400);
    expectError(await call(stack.adminUrl, 'GET', '/v1/nothing-here', { headers }), 404);
    expectError(await call(stack.queryUrl, 'DELETE', '/v1/wallets/victim', { headers }), 405);
  });

  it('an unknown tenant → 403 with another tenant’s key, 404 with the platform key', async () => {
    expectError(await call(stack.adminUrl, 'POST', '/v1/tenants/no-such-tenant/wallets/victim/transactions', { headers, json: valid }), 403);
    expectError(await call(stack.adminUrl, 'GET', '/v1/tenants/no-such-tenant', { headers: { 'x-api-key': stack.platformKey } }), 404);
    expectError(await call(stack.adminUrl, 'POST', '/v1/tenants/no-such-tenant/keys', { headers: { 'x-api-key': stack.platformKey }, json: {} }), 404);
  });

  it('invalid tenant creation input → 4xx, and no tenant is created', async () => {
    const platform = { 'x-api-key': stack.platformKey };
    const create = (options: { json?: unknown; rawBody?: string; headers?: Record<string, string> }) =>
      call(stack.adminUrl, 'POST', '/v1/tenants', { ...options, headers: { ...platform, ...options.headers } });
    expectError(await create({ json: { id: 'Bad Id!', name: 'x' } }), 400);
    expectError(await create({ json: {} }), 400);
    // Each of these names a valid, unused id: afterwards the id must still be free.
    const id = () => `t_${randomBytes(5).toString('hex')}`;
    const attempts: Array<[string, number, (id: string) => { json?: unknown; rawBody?: string; headers?: Record<string, string> }]> = [
      ['bad origin', 400, (id) => ({ json: { id, name: 'x', allowed_origins: ['not a url'] } })],
      ['wrong type', 400, (id) => ({ json: { id, name: 42 } })],
      ['unknown field', 400, (id) => ({ json: { id, name: 'x', jwt_secret: 'chosen-by-caller' } })],
      ['malformed JSON', 400, (id) => ({ rawBody: `{"id":"${id}","name":"x"` })],
      ['over 1 MB', 413, (id) => ({ json: { id, name: 'x'.repeat(1_100_000) } })],
      ['text/plain', 415, (id) => ({ rawBody: JSON.stringify({ id, name: 'x' }), headers: { 'content-type': 'text/plain' } })],
    ];
    for (const [name, status, request] of attempts) {
      const tenantId = id();
      const response = await create(request(tenantId));
      expect({ name, status: response.status }).toEqual({ name, status });
      expectError(response, status);
      expect({ name, lookup: (await call(stack.adminUrl, 'GET', `/v1/tenants/${tenantId}`, { headers: platform })).status }).toEqual({ name, lookup: 404 });
    }
  });

  describe('on the query gateway (purchase and claim)', () => {
    const asUser = (userId: string) => ({ authorization: `Bearer ${userToken(tenant.jwt_secret, { sub: userId, tenant_id: tenant.id })}` });
    let purchasePath: string;
    let claimPath: string;
    let claimOrderPath: string;

    beforeAll(async () => {
      const reward = await createReward(stack, tenant, { fields: [], fulfillment: { type: 'manual' }, purchase: { prices: [{ currency: 'gold', amount: 10 }] } });
      await credit(stack, tenant, 'buyer', 'gold', 100);
      purchasePath = `/v1/rewards/${tenant.id}/purchase/${reward.slug}`;
      const claimable = await createReward(stack, tenant, { requires_claim: true, purchase: null, fulfillment: { type: 'manual' } });
      const granted = await call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/grants`, {
        headers,
        json: { user_id: 'claimer', reward_id: claimable.id, source_type: 'leaderboard', source_ref: 'weekly-1' },
      });
      expect(granted.status).toBe(201);
      claimPath = `/v1/rewards/orders/${granted.body.order.id}/claim`;
      claimOrderPath = `/v1/rewards/orders/claimer/${granted.body.order.id}`;
    });

    afterEach(async () => {
      const buyer = asUser('buyer');
      expect((await call(stack.queryUrl, 'GET', '/v1/wallets/buyer', { headers: buyer })).body.balances).toEqual({ gold: 100 });
      expect((await call(stack.queryUrl, 'GET', '/v1/rewards/orders/buyer', { headers: buyer })).body.total).toBe(0);
      const order = await call(stack.queryUrl, 'GET', claimOrderPath, { headers: asUser('claimer') });
      expect(order.body.status.state).toBe('pending_claim');
    });

    const targets = () => [
      { name: 'purchase', user: 'buyer', path: purchasePath, valid: { user_id: 'buyer', idempotency_key: 'k1', currency: 'gold', fields: {} } },
      { name: 'claim', user: 'claimer', path: claimPath, valid: { user_id: 'claimer', fields: { phone_number: '+251912345678' } } },
    ];
    const send = (target: ReturnType<typeof targets>[number], options: { json?: unknown; rawBody?: string; headers?: Record<string, string> }) =>
      call(stack.queryUrl, 'POST', target.path, { ...options, headers: { ...asUser(target.user), ...options.headers } });

    it('malformed JSON → 400', async () => {
      for (const target of targets()) expectError(await send(target, { rawBody: '{"user_id":' }), 400);
    });

    it('wrong types → 400 with per-field details', async () => {
      for (const target of targets()) {
        const response = await send(target, { json: { ...target.valid, fields: 'phone', ...(target.name === 'purchase' ? { currency: 7 } : {}) } });
        expectError(response, 400);
        const expected = target.name === 'purchase' ? ['currency', 'fields'] : ['fields'];
        expect(response.body.details.map((d: { path: string }) => d.path).sort()).toEqual(expected);
      }
    });

    it('unknown fields → 400', async () => {
      for (const target of targets()) {
        const response = await send(target, { json: { ...target.valid, sneaky: true } });
        expectError(response, 400);
        expect(response.body.message).toMatch(/sneaky/);
      }
    });

    it('a body over 1 MB → 413', async () => {
      for (const target of targets()) expectError(await send(target, { json: { ...target.valid, pad: 'x'.repeat(1_100_000) } }), 413);
    });

    it('a non-JSON content type → 415', async () => {
      for (const target of targets()) {
        expectError(await send(target, { rawBody: JSON.stringify(target.valid), headers: { 'content-type': 'text/plain' } }), 415);
      }
    });

    it('an empty or array body → 400', async () => {
      for (const target of targets()) {
        expectError(await send(target, { rawBody: '[]' }), 400);
        expectError(await send(target, { rawBody: 'null' }), 400);
      }
    });
  });
});
