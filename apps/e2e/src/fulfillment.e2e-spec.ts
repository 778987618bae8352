import { call, createReward, createTenant, credit, eventually, ReceivedCall, scrapeMetrics, StackInfo, TestReceiver, TestTenant, userToken } from '@phoenix/testing';
import { eachMode } from './stacks';

// Fulfillment against a real HTTP receiver that verifies every signature. Backoffs are
// scaled by FULFILLMENT_BACKOFF_SCALE=0.01 and calls time out after 1 s (test settings).
const BACKOFF_SCALE = 0.01;
const CALL_TIMEOUT_MS = 1_000;
const POLL_MS = 50;
/** Room for a loaded 2-core machine between a due time and the next call (a claim, two catalog calls). */
const SLACK_MS = 2_500;

/**
 * The waits between a receiver's calls, each at least what the backoff prescribes and at most
 * that plus the poll interval and slack. The tests' backoffs differ by more than the slack
 * where it matters, so an off-by-one in the backoff index breaks a bound.
 */
function expectGaps(calls: ReceivedCall[], expectedMs: number[]): void {
  const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
  expect(gaps).toHaveLength(expectedMs.length);
  gaps.forEach((gap, i) => {
    expect(gap).toBeGreaterThanOrEqual(expectedMs[i]! - 20);
    expect(gap).toBeLessThanOrEqual(expectedMs[i]! + POLL_MS + SLACK_MS);
  });
}

describe.each(eachMode())('fulfillment (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;
  let receiver: TestReceiver | undefined;
  const admin = (method: string, path: string, json?: unknown) =>
    call(stack.adminUrl, method, `/v1/tenants/${tenant.id}${path}`, { headers: { 'x-api-key': tenant.api_key }, ...(json !== undefined ? { json } : {}) });
  const order = async (id: string) => (await admin('GET', `/reward-orders/${id}`)).body;
  const grantOf = async (rewardId: string, userId: string, extra: Record<string, unknown> = {}) =>
    (await admin('POST', '/grants', { user_id: userId, reward_id: rewardId, source_type: 'achievement', source_ref: `${userId}-${rewardId}`, ...extra })).body.order;
  const apiReward = (maxAttempts: number, backoffSeconds: number[]) =>
    createReward(stack, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'api', retry: { max_attempts: maxAttempts, backoff_seconds: backoffSeconds } } });
  /** API jobs this stack dropped so far (its fulfillment metrics). */
  const droppedJobs = async () =>
    (await scrapeMetrics(stack.opsUrls['order-fulfillment']))('fulfillment_attempts_total', { type: 'api', outcome: 'dropped' });
  const settled = (id: string, state: string) =>
    eventually(async () => {
      const current = await order(id);
      expect(current.status.state).toBe(state);
      return current;
    }, 45_000);

  beforeAll(async () => {
    tenant = await createTenant(stack);
  });

  afterEach(async () => {
    // Every call a test's receiver got was signed right (a wrong signature is answered 401).
    const unsigned = receiver?.unsigned ?? [];
    await receiver?.close();
    receiver = undefined;
    expect(unsigned).toEqual([]);
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
    const backoffSeconds = [100, 500, 200];
    const reward = await apiReward(5, backoffSeconds);
    const granted = await grantOf(reward.id, 'api-user');
    const completed = await settled(granted.id, 'completed');
    expect(completed.status.data).toEqual({ type: 'api', external_id: 'TXN123456' });
    const calls = receiver.calls;
    expect(calls).toHaveLength(4);
    for (const c of calls) {
      expect(c.headers['idempotency-key']).toBe(granted.id);
      expect(c.json).toMatchObject({ order_id: granted.id, user_id: 'api-user', reward_id: reward.id, fulfillment_type: 'api' });
    }
    expect(calls.map((c) => c.json['attempt'])).toEqual([1, 2, 3, 4]);
    // 1 s, 5 s and 2 s after the 1st, 2nd and 3rd failures; the 3rd also waited for its timeout.
    const [first, second, third] = backoffSeconds.map((s) => s * 1000 * BACKOFF_SCALE);
    expectGaps(calls, [first!, second!, CALL_TIMEOUT_MS + third!]);
  });

  it('api: a receiver that always fails → failed after exactly max_attempts, the last backoff repeating; retry → completes', async () => {
    let healthy = false;
    receiver = await TestReceiver.start(tenant.webhook_secret, () => (healthy ? { status: 201, body: { external_id: 'EXT-2' } } : { status: 503 }));
    await admin('PUT', '/settings', { fulfillment_url: receiver.url });
    // More attempts than backoff entries: the third and fourth waits use the last entry.
    const reward = await apiReward(4, [10, 150]);
    const granted = await grantOf(reward.id, 'unlucky');
    const failed = await settled(granted.id, 'failed');
    expect(failed.status.reason).toMatch(/after 4 attempt\(s\): HTTP 503/);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.calls).toHaveLength(4);
    expectGaps(receiver.calls, [100, 1_500, 1_500]);

    healthy = true;
    const retried = await admin('POST', `/reward-orders/${granted.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status.state).toBe('fulfilling');
    expect((await settled(granted.id, 'completed')).status.data).toEqual({ type: 'api', external_id: 'EXT-2' });
    expect(receiver.calls).toHaveLength(5);
    expect(receiver.calls[4]!.json['attempt']).toBe(1);
    expect((await admin('POST', `/reward-orders/${granted.id}/retry`)).status).toBe(409);
  });

  it('api: a 2xx without an external_id, or not JSON, is a failed attempt and retried', async () => {
    receiver = await TestReceiver.start(tenant.webhook_secret, (_call, index) => {
      if (index === 0) return { status: 200, body: { status: 'ok' } };
      if (index === 1) return { status: 200 }; // an empty body: not JSON
      return { status: 200, body: { external_id: 'EXT-3' } };
    });
    await admin('PUT', '/settings', { fulfillment_url: receiver.url });
    const reward = await apiReward(3, [10]);
    const granted = await grantOf(reward.id, 'picky');
    expect((await settled(granted.id, 'completed')).status.data).toEqual({ type: 'api', external_id: 'EXT-3' });
    expect(receiver.calls.map((c) => c.json['attempt'])).toEqual([1, 2, 3]);
  });

  it('api: an order refunded while its job waits is dropped: the tenant is not called again', async () => {
    receiver = await TestReceiver.start(tenant.webhook_secret, () => ({ status: 503 }));
    await admin('PUT', '/settings', { fulfillment_url: receiver.url });
    const reward = await createReward(stack, tenant, {
      fields: [],
      stock: null,
      purchase: { prices: [{ currency: 'gold', amount: 9 }] },
      fulfillment: { type: 'api', retry: { max_attempts: 3, backoff_seconds: [200] } },
    });
    await credit(stack, tenant, 'refunded-buyer', 'gold', 9);
    const token = userToken(tenant.jwt_secret, { sub: 'refunded-buyer', tenant_id: tenant.id });
    const bought = await call(stack.queryUrl, 'POST', `/v1/rewards/purchase/${reward.slug}`, {
      headers: { authorization: `Bearer ${token}` },
      json: { user_id: 'refunded-buyer', idempotency_key: 'refund-1', currency: 'gold', fields: {} },
    });
    const orderId = bought.body.order.id;
    await eventually(async () => expect(receiver!.calls).toHaveLength(1), 20_000);
    const droppedBefore = await droppedJobs();
    // The first attempt failed; the next is due 2 s later. The order is refunded meanwhile.
    expect((await admin('POST', `/reward-orders/${orderId}/refund`, { reason: 'changed my mind' })).status).toBe(200);
    await eventually(async () => expect(await droppedJobs()).toBeGreaterThan(droppedBefore), 20_000);
    await new Promise((r) => setTimeout(r, 2_000 + SLACK_MS));
    expect(receiver.calls).toHaveLength(1);
    expect((await order(orderId)).status.state).toBe('refunded');
    expect((await admin('GET', '/wallets/refunded-buyer')).body.balances).toEqual({ gold: 9 });
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
