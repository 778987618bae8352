import {
  AdminSchemas,
  createAdminClient,
  createQueryClient,
  hmacHeaders,
  mintUserToken,
  unwrap,
  verifyWebhook,
  VerifyWebhookOptions,
  WebhookVerificationError,
  WebhookVerificationFailure,
} from '@phoenix/sdk';
import { createTenant, eventually, ReceivedCall, StackInfo, TestReceiver, TestTenant } from '@phoenix/testing';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { eachMode } from './stacks';

/** Why verifyWebhook refused a call, or 'verified'. */
async function verdict(secret: string, body: string, headers: ReceivedCall['headers'], options: VerifyWebhookOptions): Promise<WebhookVerificationFailure | 'verified'> {
  try {
    await verifyWebhook(secret, body, headers as Record<string, string>, options);
    return 'verified';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code;
    throw error;
  }
}

/** Checks a call the platform made under both schemes, and with its body, timestamp or secret changed. */
async function expectVerifiedBothWays(secret: string, received: ReceivedCall, otherSecret: string): Promise<void> {
  for (const schemes of [['standard'], ['legacy']] as const) {
    const options = { schemes, toleranceSeconds: 300 };
    expect(await verdict(secret, received.body, received.headers, options)).toBe('verified');
    expect(await verdict(secret, received.body.replace('"user_id":"', '"user_id":"x'), received.headers, options)).toBe('BAD_SIGNATURE');
    expect(await verdict(otherSecret, received.body, received.headers, options)).toBe('BAD_SIGNATURE');
    const later = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 10 * 60_000);
    try {
      expect(await verdict(secret, received.body, received.headers, options)).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
    } finally {
      later.mockRestore();
    }
  }
  // The standard scheme signs the timestamp: a moved one no longer matches.
  const moved = { ...received.headers, 'webhook-timestamp': String(Number(received.headers['webhook-timestamp']) + 1) };
  expect(await verdict(secret, received.body, moved, { schemes: ['standard'] })).toBe('BAD_SIGNATURE');
}

// The SDK's helpers and typed clients against the running gateways (SPEC §9.7): what it mints,
// signs and sends is accepted, what it verifies is what the fulfillment app delivered.
describe.each(eachMode())('@phoenix/sdk (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;
  const receivers: TestReceiver[] = [];
  const servers: Server[] = [];
  const admin = () => createAdminClient({ baseUrl: stack.adminUrl, apiKey: tenant.api_key });
  const tenantPath = () => ({ tenant_id: tenant.id });
  const userClient = async (userId: string, secret = tenant.jwt_secret) =>
    createQueryClient({ baseUrl: stack.queryUrl, token: await mintUserToken({ secret, tenantId: tenant.id, userId, expiresInSeconds: 600 }) });
  const createReward = async (body: AdminSchemas['CreateRewardBody']) => unwrap(admin().POST('/v1/tenants/{tenant_id}/rewards-catalog', { params: { path: tenantPath() }, body }));
  const credit = (userId: string, amount: number) =>
    unwrap(
      admin().POST('/v1/tenants/{tenant_id}/wallets/{user_id}/transactions', {
        params: { path: { ...tenantPath(), user_id: userId } },
        body: { type: 'credit', currency: 'gold_coins', amount, reason: 'sdk test', idempotency_key: `credit-${userId}-${amount}` },
      }),
    );

  beforeAll(async () => {
    tenant = await createTenant(stack);
  });

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('mintUserToken: the query gateway accepts the token for its own user, refuses it for another user (403) and under another secret (401)', async () => {
    const query = await userClient('sdk-user');
    const { data, response } = await query.GET('/v1/wallets/{user_id}', { params: { path: { user_id: 'sdk-user' } } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ tenant_id: tenant.id, user_id: 'sdk-user' });
    const other = await query.GET('/v1/wallets/{user_id}', { params: { path: { user_id: 'someone-else' } } });
    expect([other.response.status, other.error?.code]).toEqual([403, 'FORBIDDEN']);
    const forged = await (await userClient('sdk-user', 'not-the-tenant-secret')).GET('/v1/wallets/{user_id}', { params: { path: { user_id: 'sdk-user' } } });
    expect([forged.response.status, forged.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const service = createQueryClient({
      baseUrl: stack.queryUrl,
      token: await mintUserToken({ secret: tenant.jwt_secret, tenantId: tenant.id, userId: 'backend', expiresInSeconds: 600, role: 'service' }),
    });
    expect((await service.GET('/v1/wallets/{user_id}', { params: { path: { user_id: 'anyone' } } })).response.status).toBe(200);
  });

  it('HMAC signing: a signed request is accepted, identical ones in a row too, and a tampered one is refused', async () => {
    const hmac = { tenantId: tenant.id, secret: tenant.hmac_secret };
    const query = createQueryClient({ baseUrl: stack.queryUrl, hmac });
    const reads = await Promise.all([1, 2, 3].map(() => query.GET('/v1/wallets/{user_id}', { params: { path: { user_id: 'hmac-user' } } })));
    expect(reads.map((r) => r.response.status)).toEqual([200, 200, 200]);

    const reward = await createReward({ slug: `hmac-${Date.now()}`, name: 'Signed', fulfillment: { type: 'manual' }, purchase: { prices: [{ currency: 'gold_coins', amount: 1 }] } });
    await credit('hmac-user', 5);
    const path = `/v1/rewards/purchase/${reward.slug}`;
    const body = JSON.stringify({ user_id: 'hmac-user', idempotency_key: 'hmac-1', currency: 'gold_coins', fields: {} });
    const send = (headers: Record<string, string>, sentPath: string, sentBody: string) =>
      fetch(`${stack.queryUrl}${sentPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: sentBody });
    const tampered = await send(await hmacHeaders(hmac, { method: 'POST', pathWithQuery: path, body }), path, body.replace('"hmac-1"', '"hmac-2"'));
    expect(tampered.status).toBe(401);
    const otherPath = await send(await hmacHeaders(hmac, { method: 'POST', pathWithQuery: path, body }), `${path}?x=1`, body);
    expect(otherPath.status).toBe(401);
    const wrongSecret = await send(await hmacHeaders({ ...hmac, secret: 'nope' }, { method: 'POST', pathWithQuery: path, body }), path, body);
    expect(wrongSecret.status).toBe(401);
    const signed = await send(await hmacHeaders(hmac, { method: 'POST', pathWithQuery: path, body }), path, body);
    expect(signed.status).toBe(200);
  });

  it('typed clients: the admin client creates a reward and credits a wallet, the query client purchases it and reads the orders and the grant history', async () => {
    const reward = await createReward({
      slug: `sdk-xp-${Date.now()}`,
      name: '100 XP Boost',
      fulfillment: { type: 'wallet', item_type: 'xp', amount: 100 },
      purchase: { prices: [{ currency: 'gold_coins', amount: 50 }] },
      stock: 10,
    });
    expect(reward).toMatchObject({ tenant_id: tenant.id, active: true, stock: 10 });
    await credit('buyer', 80);
    const query = await userClient('buyer');
    const catalog = await unwrap(query.GET('/v1/rewards/catalog', { params: { query: { balance: 20 } } }));
    expect(catalog.rewards.find((r) => r.slug === reward.slug)).toMatchObject({ affordable: false, points_needed: 30 });

    const purchase = () =>
      unwrap(query.POST('/v1/rewards/purchase/{slug}', { params: { path: { slug: reward.slug } }, body: { user_id: 'buyer', idempotency_key: 'sdk-buy-1', currency: 'gold_coins', fields: {} } }));
    const first = await purchase();
    expect(first).toMatchObject({ was_cached: false, order: { user_id: 'buyer', reward_id: reward.id, source_type: 'purchase' } });
    expect((await purchase()).was_cached).toBe(true);

    const { orders, total } = await unwrap(query.GET('/v1/rewards/orders/{user_id}', { params: { path: { user_id: 'buyer' } } }));
    expect([total, orders[0]?.id]).toEqual([1, first.order.id]);
    const history = await eventually(async () => {
      const grants = await unwrap(query.GET('/v1/orders/user/{user_id}', { params: { path: { user_id: 'buyer' } } }));
      expect([grants.total, grants.grants.length]).toEqual([1, 1]);
      return grants;
    }, 10_000, 100);
    expect(history.grants[0]).toMatchObject({ user_id: 'buyer', source_type: 'purchase', item_name: '100 XP Boost' });

    const broke = await query.POST('/v1/rewards/purchase/{slug}', { params: { path: { slug: reward.slug } }, body: { user_id: 'buyer', idempotency_key: 'sdk-buy-2', currency: 'gold_coins', fields: {} } });
    expect([broke.response.status, broke.error?.code]).toEqual([402, 'INSUFFICIENT_BALANCE']);
  });

  it('resends after a 504 with the same idempotency key: the gateway answers the resend with the original order', async () => {
    // A proxy in front of the query gateway that passes the first purchase on but answers 504, as
    // a load balancer would whose upstream answered too late.
    let purchases = 0;
    const proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name))) as Record<string, string>;
      const upstream = await fetch(`${stack.queryUrl}${req.url}`, { method: req.method!, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
      const text = await upstream.text();
      if (req.url?.includes('/purchase/') && ++purchases === 1) return res.writeHead(504, { 'content-type': 'text/plain' }).end('upstream timed out');
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(text);
    });
    servers.push(proxy);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const reward = await createReward({ slug: `sdk-retry-${Date.now()}`, name: 'Retried', fulfillment: { type: 'manual' }, purchase: { prices: [{ currency: 'gold_coins', amount: 10 }] } });
    await credit('retrier', 10);
    const resends: string[] = [];
    const query = createQueryClient({
      baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      hmac: { tenantId: tenant.id, secret: tenant.hmac_secret },
      retry: { baseDelayMs: 50, onRetry: ({ reason }) => void resends.push(reason) },
    });
    const bought = await unwrap(
      query.POST('/v1/rewards/purchase/{slug}', { params: { path: { slug: reward.slug } }, body: { user_id: 'retrier', idempotency_key: 'retry-1', currency: 'gold_coins', fields: {} } }),
    );
    expect(resends).toEqual(['HTTP 504']);
    expect(bought.was_cached).toBe(true);
    const { orders } = await unwrap(admin().GET('/v1/tenants/{tenant_id}/reward-orders', { params: { path: tenantPath(), query: { user_id: 'retrier' } } }));
    expect(orders.map((o) => o.id)).toEqual([bought.order.id]);
  });

  it('verifyWebhook: a webhook the fulfillment app delivered verifies under both schemes, and not once its body, timestamp or secret is changed', async () => {
    const receiver = await TestReceiver.start('pending', () => ({ status: 200 }));
    receivers.push(receiver);
    const endpoint = await unwrap(
      admin().POST('/v1/tenants/{tenant_id}/webhooks', { params: { path: tenantPath() }, body: { url: receiver.url, events: ['order.created'] } }),
    );
    receiver.useSecret(endpoint.secret);
    const reward = await createReward({ slug: `sdk-hook-${Date.now()}`, name: 'Hooked', fulfillment: { type: 'manual' }, requires_claim: true });
    await unwrap(admin().POST('/v1/tenants/{tenant_id}/grants', { params: { path: tenantPath() }, body: { user_id: 'hooked', reward_id: reward.id, source_type: 'admin', source_ref: 'sdk-hook' } }));
    const [delivered] = await eventually(async () => {
      expect(receiver.calls).toHaveLength(1);
      return receiver.calls;
    }, 20_000, 100);
    const verified = await verifyWebhook(endpoint.secret, delivered!.body, delivered!.headers as Record<string, string>);
    expect(verified).toMatchObject({ scheme: 'standard', id: delivered!.headers['webhook-id'], payload: { event_type: 'order.created', tenant_id: tenant.id, data: { user_id: 'hooked', reward_slug: reward.slug } } });
    const other = await unwrap(admin().POST('/v1/tenants/{tenant_id}/webhooks', { params: { path: tenantPath() }, body: { url: 'https://hooks.example.com/other', events: ['order.failed'] } }));
    await expectVerifiedBothWays(endpoint.secret, delivered!, other.secret);
  });

  it("verifyWebhook: a call to the tenant's fulfillment_url verifies with the tenant's webhook_secret under both schemes", async () => {
    const receiver = await TestReceiver.start(tenant.webhook_secret, () => ({ status: 200, body: { external_id: 'TXN-SDK' } }));
    receivers.push(receiver);
    await unwrap(admin().PUT('/v1/tenants/{tenant_id}/settings', { params: { path: tenantPath() }, body: { fulfillment_url: receiver.url } }));
    const reward = await createReward({ slug: `sdk-api-${Date.now()}`, name: 'Airtime', fulfillment: { type: 'api' } });
    await unwrap(admin().POST('/v1/tenants/{tenant_id}/grants', { params: { path: tenantPath() }, body: { user_id: 'fulfilled', reward_id: reward.id, source_type: 'admin', source_ref: 'sdk-api' } }));
    const [called] = await eventually(async () => {
      expect(receiver.calls).toHaveLength(1);
      return receiver.calls;
    }, 20_000, 100);
    const verified = await verifyWebhook<AdminSchemas['FulfillmentCall']>(tenant.webhook_secret, called!.body, called!.headers as Record<string, string>);
    expect(verified.payload).toMatchObject({ user_id: 'fulfilled', reward_id: reward.id, fulfillment_type: 'api' });
    await expectVerifiedBothWays(tenant.webhook_secret, called!, (await createTenant(stack)).webhook_secret);
  });
});
