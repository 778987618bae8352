import { call, createReward, createTenant, credit, eventually, StackInfo, TestReceiver, TestTenant, userToken } from '@phoenix/testing';
import { eachMode } from './stacks';

// Fulfillment against a real HTTP receiver that verifies every signature. Backoffs are
// scaled by FULFILLMENT_BACKOFF_SCALE=0.01 and calls time out after 1 s (test settings).
describe.each(eachMode())('fulfillment (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;
  let receiver: TestReceiver | undefined;
  const admin = (method: string, path: string, json?: unknown) =>
    call(stack.adminUrl, method, `/v1/tenants/${tenant.id}${path}`, { headers: { 'x-api-key': tenant.api_key }, ...(json !== undefined ? { json } : {}) });
  const order = async (id: string) => (await admin('GET', `/reward-orders/${id}`)).body;
  const grantOf = async (rewardId: string, userId: string, extra: Record<string, unknown> = {}) =>
    (await admin('POST', '/grants', { user_id: userId, reward_id: rewardId, source_type: 'achievement', source_ref: `${userId}-${rewardId}`, ...extra })).body.order;
  const apiReward = (maxAttempts: number) =>
    createReward(stack, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'api', retry: { max_attempts: maxAttempts, backoff_seconds: [10, 20, 30] } } });

  beforeAll(async () => {
    tenant = await createTenant(stack);
  });

  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('wallet: a purchase of XP completes and credits the wallet once', async () => {
    const reward = await createReward(stack, tenant, { fields: [], stock: null, purchase: { prices: [{ currency: 'gold', amount: 5 }] }, fulfillment: { type: 'wallet', item_type: 'xp', amount: 250 } });
    await credit(stack, tenant, 'xp-buyer', 'gold', 5);
    const token = userToken(tenant.jwt_secret, { sub: 'xp-buyer', tenant_id: tenant.id });
    const bought = await call(stack.queryUrl, 'POST', `/v1/rewards/purchase/${reward.slug}`, {
      headers: { authorization: `Bearer ${token}` },
      json: { user_id: 'xp-buyer', idempotency_key: 'xp-1', currency: 'gold', fields: {} },
    });
    const completed = await eventually(async () => {
      const current = await order(bought.body.order.id);
      expect(current.status.state).toBe('completed');
      return current;
    }, 20_000);
    expect(completed.status.data).toEqual({ type: 'wallet', item_type: 'xp', amount: 250 });
    const wallet = await admin('GET', '/wallets/xp-buyer');
    expect(wallet.body).toMatchObject({ xp: 250, balances: { gold: 0 } });
  });

  it('wallet: a currency reward credits once; a badge granted six times at once is held once', async () => {
    const gems = await createReward(stack, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'wallet', item_type: 'currency', currency: 'gems', amount: 1000 } });
    const badge = await createReward(stack, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'wallet', item_type: 'badge', item_id: 'vip_badge_2026' } });
    const gemsOrder = (await grantOf(gems.id, 'collector')).id;
    const badgeOrders = (await Promise.all(Array.from({ length: 6 }, (_, i) => grantOf(badge.id, 'collector', { source_ref: `badge-${i}` })))).map((o) => o.id);
    const finished = await eventually(async () => {
      const orders = await Promise.all([gemsOrder, ...badgeOrders].map(order));
      for (const o of orders) expect(o.status.state).toBe('completed');
      return orders.slice(1);
    }, 20_000);
    const wallet = (await admin('GET', '/wallets/collector')).body;
    expect(wallet.balances).toEqual({ gems: 1000 });
    expect(wallet.badges).toEqual([{ badge_id: 'vip_badge_2026', granted_at: expect.any(String) }]);
    // The badge orders run concurrently: exactly one delivers it, the others find it held.
    expect(finished.map((o) => o.status.data.already_held).sort()).toEqual([false, true, true, true, true, true]);
  });

  it('api: fails twice, times out once, then succeeds — completed with the external id, on the reward’s backoff', async () => {
    receiver = await TestReceiver.start(tenant.webhook_secret, (_call, index) => {
      if (index < 2) return { status: 500, body: { error: 'temporarily down' } };
      if (index === 2) return 'hang';
      return { status: 200, body: { external_id: 'TXN123456' } };
    });
    await admin('PUT', '/settings', { fulfillment_url: receiver.url });
    const reward = await apiReward(5);
    const granted = await grantOf(reward.id, 'api-user');
    const completed = await eventually(async () => {
      const current = await order(granted.id);
      expect(current.status.state).toBe('completed');
      return current;
    }, 30_000);
    expect(completed.status.data).toEqual({ type: 'api', external_id: 'TXN123456', attempts: 4 });
    const calls = receiver.calls;
    expect(calls).toHaveLength(4);
    for (const c of calls) {
      expect(c.signatureValid).toBe(true);
      expect(c.headers['idempotency-key']).toBe(granted.id);
      expect(c.json).toMatchObject({ order_id: granted.id, user_id: 'api-user', reward_id: reward.id, fulfillment_type: 'api' });
    }
    expect(calls.map((c) => c.json['attempt'])).toEqual([1, 2, 3, 4]);
    // Backoff 10 s, 20 s, 30 s × 0.01; the third attempt also waited for its 1 s timeout.
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(90);
    expect(gaps[1]).toBeGreaterThanOrEqual(190);
    expect(gaps[2]).toBeGreaterThanOrEqual(1_000 + 290);
  });

  it('api: a receiver that always fails → failed after exactly max_attempts; retry → completes', async () => {
    let healthy = false;
    receiver = await TestReceiver.start(tenant.webhook_secret, () => (healthy ? { status: 201, body: { external_id: 'EXT-2' } } : { status: 503 }));
    await admin('PUT', '/settings', { fulfillment_url: receiver.url });
    const reward = await apiReward(3);
    const granted = await grantOf(reward.id, 'unlucky');
    const failed = await eventually(async () => {
      const current = await order(granted.id);
      expect(current.status.state).toBe('failed');
      return current;
    }, 30_000);
    expect(failed.status.reason).toMatch(/after 3 attempt\(s\): HTTP 503/);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.calls).toHaveLength(3);

    healthy = true;
    const retried = await admin('POST', `/reward-orders/${granted.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status.state).toBe('fulfilling');
    await eventually(async () => expect((await order(granted.id)).status).toMatchObject({ state: 'completed', data: { external_id: 'EXT-2', attempts: 1 } }), 30_000);
    expect(receiver.calls).toHaveLength(4);
    expect((await admin('POST', `/reward-orders/${granted.id}/retry`)).status).toBe(409);
  });

  it('api: without a fulfillment_url the order fails at once with the reason', async () => {
    const lonely = await createTenant(stack);
    const reward = await createReward(stack, lonely, { fields: [], purchase: null, stock: null, fulfillment: { type: 'api' } });
    const granted = (
      await call(stack.adminUrl, 'POST', `/v1/tenants/${lonely.id}/grants`, {
        headers: { 'x-api-key': lonely.api_key },
        json: { user_id: 'u', reward_id: reward.id, source_type: 'admin', source_ref: 'x' },
      })
    ).body.order;
    await eventually(async () => {
      const current = (await call(stack.adminUrl, 'GET', `/v1/tenants/${lonely.id}/reward-orders/${granted.id}`, { headers: { 'x-api-key': lonely.api_key } })).body;
      expect(current.status).toMatchObject({ state: 'failed', reason: expect.stringContaining('no fulfillment_url') });
    }, 20_000);
  });

  it('settings: validated, shown, and changed only where given', async () => {
    expect((await admin('PUT', '/settings', { fulfillment_url: 'ftp://example.com/x' })).status).toBe(400);
    expect((await admin('PUT', '/settings', { unknown: 1 })).status).toBe(400);
    await admin('PUT', '/settings', { fulfillment_url: 'https://tenant.example.com/fulfil' });
    await admin('PUT', '/settings', { allowed_origins: ['https://game.example.com'] });
    expect((await admin('GET', '/settings')).body).toEqual({ fulfillment_url: 'https://tenant.example.com/fulfil', allowed_origins: ['https://game.example.com'] });
    await admin('PUT', '/settings', { fulfillment_url: null });
    expect((await admin('GET', '/settings')).body.fulfillment_url).toBeNull();
  });

  it('expiry: an unclaimed grant past expires_at expires, gives its stock back, and reaches the grant history', async () => {
    const reward = await createReward(stack, tenant, { requires_claim: true, purchase: null, stock: 3, fulfillment: { type: 'manual' } });
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const granted = await grantOf(reward.id, 'forgetful', { expires_at: expiresAt });
    expect((await admin('GET', `/rewards-catalog/${reward.id}`)).body.stock).toBe(2);
    await eventually(async () => expect((await order(granted.id)).status).toMatchObject({ state: 'expired', expired_at: expect.any(String) }), 20_000);
    expect((await admin('GET', `/rewards-catalog/${reward.id}`)).body.stock).toBe(3);
    const token = userToken(tenant.jwt_secret, { sub: 'forgetful', tenant_id: tenant.id });
    await eventually(async () => {
      const grant = await call(stack.queryUrl, 'GET', `/v1/orders/user/forgetful/${granted.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(grant.body.state).toBe('expired');
    }, 20_000);
    const claim = await call(stack.queryUrl, 'POST', `/v1/rewards/orders/${granted.id}/claim`, {
      headers: { authorization: `Bearer ${token}` },
      json: { user_id: 'forgetful', fields: { phone_number: '+251912345678' } },
    });
    expect(claim.status).toBe(409);
  });
});
