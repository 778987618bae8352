import { call, createReward, createTenant, createTestDatabase, eventually, RunningStack, StackInfo, startStack, TestDatabase, TestReceiver, TestTenant } from '@phoenix/testing';
import { resolve } from 'node:path';
import { eachMode } from './stacks';

const workspaceRoot = resolve(__dirname, '../../..');

// Outgoing calls with the production default WEBHOOK_ALLOW_PRIVATE=false. The shared stacks
// allow private targets (their receivers listen on loopback), so each mode starts its own.
describe.each(eachMode())('outgoing URLs: SSRF targets refused (%s, WEBHOOK_ALLOW_PRIVATE=false)', (_mode, shared: StackInfo) => {
  const mode = shared.mode;
  let database: TestDatabase | undefined;
  let stack: RunningStack;
  let tenant: TestTenant;
  const admin = (method: string, path: string, json?: unknown) =>
    call(stack.adminUrl, method, `/v1/tenants/${tenant.id}${path}`, { headers: { 'x-api-key': tenant.api_key }, ...(json !== undefined ? { json } : {}) });

  beforeAll(async () => {
    if (mode === 'distributed') database = await createTestDatabase('phoenix_ssrf');
    stack = await startStack(mode, { workspaceRoot, ...(database ? { databaseUrl: database.url } : {}), env: { WEBHOOK_ALLOW_PRIVATE: 'false' } });
    tenant = await createTenant(stack);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await database?.drop();
  }, 60_000);

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook', // a name that resolves to loopback
    'http://2130706433/hook', // 127.0.0.1 as one number
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/hook',
    'http://192.168.1.10/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[64:ff9b::a9fe:a9fe]/hook', // NAT64 of the metadata address
    'http://[2002:7f00:1::]/hook', // 6to4 of loopback
    'http://[fd00::1]/hook',
  ])('refuses a webhook to %s', async (url) => {
    const response = await admin('POST', '/webhooks', { url, events: ['order.created'] });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/private or internal address/);
  });

  it('refuses to point an existing webhook inside', async () => {
    const created = await admin('POST', '/webhooks', { url: 'https://93.184.216.34/hook', events: ['order.expired'] });
    expect(created.status).toBe(201);
    const moved = await admin('PUT', `/webhooks/${created.body.id}`, { url: 'http://localhost:9/hook' });
    expect(moved.status).toBe(400);
    expect(moved.body.message).toMatch(/private or internal address/);
    expect((await admin('GET', `/webhooks/${created.body.id}`)).body.url).toBe('https://93.184.216.34/hook');
    expect((await admin('DELETE', `/webhooks/${created.body.id}`)).status).toBe(200);
  });

  // fulfillment_url is saved by rewards-catalog (http(s) only); the address is checked at each call.
  it.each(['127.0.0.1', 'localhost'])('fails an API order whose fulfillment_url points inside (%s), without calling it', async (host) => {
    const receiver = await TestReceiver.start(tenant.webhook_secret, () => ({ status: 200, body: { external_id: 'should-not-happen' } }));
    try {
      const saved = await admin('PUT', '/settings', { fulfillment_url: receiver.url.replace('127.0.0.1', host) });
      expect(saved.status).toBe(200);
      const reward = await createReward(stack, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'api' } });
      const order = (await admin('POST', '/grants', { user_id: 'ssrf', reward_id: reward.id, source_type: 'admin', source_ref: `ssrf-${host}` })).body.order;
      await eventually(async () => {
        const current = (await admin('GET', `/reward-orders/${order.id}`)).body;
        expect(current.status).toMatchObject({ state: 'failed', reason: expect.stringContaining('private or internal address') });
      }, 30_000);
      expect(receiver.calls).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
