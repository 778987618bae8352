import { parseEvent } from '@phoenix/contracts';
import { ApiResponse, call, sqlRows, createReward, createTenant, credit, settled, settledBurst, StackInfo, TestTenant, userToken } from '@phoenix/testing';
import { MISSING_OR_INVALID_CREDENTIALS, PATH_STYLES, rewardsPath } from './path-styles';
import { eachMode } from './stacks';

const PHONE = { phone_number: '+251912345678' };

describe.each(eachMode())('purchases (%s)', (mode, stack: StackInfo) => {
  let tenant: TestTenant;
  const tokenFor = (userId: string) => userToken(tenant.jwt_secret, { sub: userId, tenant_id: tenant.id });
  const purchase = (userId: string, slug: string, body: Record<string, unknown>, path = `/v1/rewards/purchase/${slug}`): Promise<ApiResponse> =>
    call(stack.queryUrl, 'POST', path, {
      headers: { authorization: `Bearer ${tokenFor(userId)}` },
      json: { user_id: userId, currency: 'gold_coins', fields: PHONE, ...body },
    });
  /** A purchase sent again on a 503 of an overloaded machine, with the same idempotency key. */
  const settledPurchase = (userId: string, slug: string, body: Record<string, unknown>) => settled(() => purchase(userId, slug, body));
  const balance = async (userId: string) =>
    (await call(stack.queryUrl, 'GET', `/v1/wallets/${userId}`, { headers: { authorization: `Bearer ${tokenFor(userId)}` } })).body.balances.gold_coins ?? 0;
  const stockOf = async (rewardId: string) =>
    (await call(stack.adminUrl, 'GET', `/v1/tenants/${tenant.id}/rewards-catalog/${rewardId}`, { headers: { 'x-api-key': tenant.api_key } })).body.stock;

  beforeAll(async () => {
    tenant = await createTenant(stack);
  });

  it('buys in both path styles with the seed’s response shape, debiting the price', async () => {
    const reward = await createReward(stack, tenant);
    await credit(stack, tenant, 'buyer', 'gold_coins', 1500);
    for (const path of [`/v1/rewards/${tenant.id}/purchase/${reward.slug}`, `/v1/rewards/purchase/${reward.slug}`]) {
      const response = await purchase('buyer', reward.slug, { idempotency_key: `p-${path}` }, path);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        order: {
          id: expect.any(String),
          tenant_id: tenant.id,
          user_id: 'buyer',
          reward_id: reward.id,
          variant_id: 'default',
          source_type: 'purchase',
          source_ref: null,
          status: { state: 'fulfilling', started_at: expect.any(String) },
          fields: PHONE,
          fulfillment: { type: 'api' },
          requires_claim: false,
          expires_at: null,
          created_at: expect.any(String),
          updated_at: expect.any(String),
        },
        was_cached: false,
      });
    }
    expect(await balance('buyer')).toBe(500);
    expect(await stockOf(reward.id)).toBe(998);
  });

  it('replays a key (was_cached), refuses it with another request (409), and replays an error', async () => {
    const reward = await createReward(stack, tenant);
    await credit(stack, tenant, 'replayer', 'gold_coins', 600);
    const first = await purchase('replayer', reward.slug, { idempotency_key: 'k1' });
    const second = await purchase('replayer', reward.slug, { idempotency_key: 'k1' });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ ...first.body, was_cached: true });
    const changed = await purchase('replayer', reward.slug, { idempotency_key: 'k1', fields: { phone_number: '+251900000000' } });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('IDEMPOTENCY_MISMATCH');
    const poor = await purchase('replayer', reward.slug, { idempotency_key: 'k2' });
    expect(poor.status).toBe(402);
    expect(poor.body).toEqual({ statusCode: 402, error: 'Payment Required', code: 'INSUFFICIENT_BALANCE', message: expect.any(String) });
    await credit(stack, tenant, 'replayer', 'gold_coins', 1000);
    const replayed = await purchase('replayer', reward.slug, { idempotency_key: 'k2' });
    expect(replayed.status).toBe(402);
    expect(replayed.body).toEqual({ ...poor.body, was_cached: true });
    expect(await balance('replayer')).toBe(1100);
  });

  it('replays a wallet transaction’s error the same way: same status and body, was_cached true', async () => {
    const debit = () =>
      call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/wallets/debtor/transactions`, {
        headers: { 'x-api-key': tenant.api_key },
        json: { type: 'debit', currency: 'gold_coins', amount: 100, reason: 'too much', idempotency_key: 'debit-1' },
      });
    const first = await debit();
    expect(first.status).toBe(402);
    expect(first.body.was_cached).toBeUndefined();
    await credit(stack, tenant, 'debtor', 'gold_coins', 500);
    const again = await debit();
    expect(again.status).toBe(402);
    expect(again.body).toEqual({ ...first.body, was_cached: true });
    expect(await balance('debtor')).toBe(500);
  });

  describe.each(PATH_STYLES)('errors (%s path)', (style) => {
    const purchaseIn = (userId: string, slug: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
      call(stack.queryUrl, 'POST', rewardsPath(style, tenant.id, `/purchase/${slug}`), {
        headers: headers ?? { authorization: `Bearer ${tokenFor(userId)}` },
        json: { user_id: userId, currency: 'gold_coins', fields: PHONE, ...body },
      });

    it('answers every documented error with its status and leaves nothing behind', async () => {
      const user = `errs-${style}`;
      const reward = await createReward(stack, tenant, { stock: 1 });
      await credit(stack, tenant, user, 'gold_coins', 10_000);
      const currency = await purchaseIn(user, reward.slug, { idempotency_key: 'e1', currency: 'gems' });
      expect(currency.status).toBe(400);
      expect(currency.body.details).toEqual([expect.objectContaining({ path: 'currency' })]);
      const fields = await purchaseIn(user, reward.slug, { idempotency_key: 'e2', fields: { phone_number: '0912', extra: 'x' } });
      expect(fields.status).toBe(400);
      expect(fields.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['fields.extra', 'fields.phone_number']);
      const missing = await purchaseIn(user, reward.slug, { idempotency_key: 'e3', fields: {} });
      expect(missing.status).toBe(400);
      expect(missing.body.details).toEqual([{ path: 'fields.phone_number', message: 'is required' }]);
      expect((await purchaseIn(user, 'no-such-reward', { idempotency_key: 'e4' })).status).toBe(404);
      const bought = await purchaseIn(user, reward.slug, { idempotency_key: 'e5' });
      expect(bought.status).toBe(200);
      const soldOut = await purchaseIn(user, reward.slug, { idempotency_key: 'e6' });
      expect(soldOut.status).toBe(409);
      expect(soldOut.body.code).toBe('OUT_OF_STOCK');
      const reused = await purchaseIn(user, reward.slug, { idempotency_key: 'e5', fields: { phone_number: '+251900000000' } });
      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('IDEMPOTENCY_MISMATCH');
      const other = await purchaseIn('somebody-else', reward.slug, { idempotency_key: 'e7' }, { authorization: `Bearer ${tokenFor(user)}` });
      expect(other.status).toBe(403);
      expect(await balance(user)).toBe(9500);
      expect(await stockOf(reward.id)).toBe(0);
      const orders = await call(stack.queryUrl, 'GET', `/v1/rewards/orders/${user}`, { headers: { authorization: `Bearer ${tokenFor(user)}` } });
      expect(orders.body.orders.map((o: { id: string }) => o.id)).toEqual([bought.body.order.id]);
    });

    it('402s a purchase the wallet cannot pay, taking nothing', async () => {
      const user = `poor-${style}`;
      const reward = await createReward(stack, tenant, { stock: 5 });
      await credit(stack, tenant, user, 'gold_coins', 499);
      const poor = await purchaseIn(user, reward.slug, { idempotency_key: 'p1' });
      expect(poor.status).toBe(402);
      expect(poor.body.code).toBe('INSUFFICIENT_BALANCE');
      expect(await balance(user)).toBe(499);
      expect(await stockOf(reward.id)).toBe(5);
    });

    it('404s an inactive reward and 400s a grant-only one', async () => {
      await credit(stack, tenant, `picky-${style}`, 'gold_coins', 5000);
      const inactive = await createReward(stack, tenant, { active: false });
      const notForSale = await purchaseIn(`picky-${style}`, inactive.slug, { idempotency_key: 'i1' });
      expect(notForSale.status).toBe(404);
      expect(notForSale.body.code).toBe('NOT_FOUND');
      const grantOnly = await createReward(stack, tenant, { purchase: null });
      const unpriced = await purchaseIn(`picky-${style}`, grantOnly.slug, { idempotency_key: 'g1' });
      expect(unpriced.status).toBe(400);
      expect(unpriced.body.details).toEqual([{ path: 'currency', message: 'reward is not purchasable' }]);
      expect(await balance(`picky-${style}`)).toBe(5000);
    });

    it.each(MISSING_OR_INVALID_CREDENTIALS)('401s %s', async (_name, headers) => {
      const reward = await createReward(stack, tenant);
      const response = await purchaseIn('anyone', reward.slug, { idempotency_key: 'a1' }, headers);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });
  });

  it('403s a tenant path that is not the credential’s tenant', async () => {
    const reward = await createReward(stack, tenant);
    await credit(stack, tenant, 'abroad', 'gold_coins', 500);
    const foreign = await createTenant(stack);
    expect((await purchase('abroad', reward.slug, { idempotency_key: 'f1' }, `/v1/rewards/${foreign.id}/purchase/${reward.slug}`)).status).toBe(403);
    expect(await balance('abroad')).toBe(500);
  });

  it('200 buyers of a stock-10 reward: exactly 10 orders, 190 × 409, stock 0', async () => {
    const reward = await createReward(stack, tenant, { stock: 10 });
    const users = Array.from({ length: 200 }, (_, i) => `crowd-${i}`);
    await Promise.all(users.map((u) => credit(stack, tenant, u, 'gold_coins', 500)));
    const responses = await Promise.all(users.map((u) => settledPurchase(u, reward.slug, { idempotency_key: `crowd-${u}` })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(190);
    expect(await stockOf(reward.id)).toBe(0);
    const winners = new Set(responses.filter((r) => r.status === 200).map((r) => r.body.order.user_id));
    for (const u of users.slice(0, 20)) expect(await balance(u)).toBe(winners.has(u) ? 0 : 500);
    if (mode === 'distributed') {
      const [row] = await sqlRows<{ orders: number; debits: number; balance: number; ledger: number }>(
        stack.databaseUrl!,
        `SELECT (SELECT count(*) FROM catalog.orders WHERE reward_id = $1)::int AS orders,
                (SELECT count(*) FROM catalog.wallet_ledger WHERE tenant_id = $2 AND reference IN (SELECT id::text FROM catalog.orders WHERE reward_id = $1))::int AS debits,
                (SELECT sum(balance) FROM catalog.wallet_balances WHERE tenant_id = $2 AND user_id LIKE 'crowd-%')::int AS balance,
                (SELECT sum(amount) FROM catalog.wallet_ledger WHERE tenant_id = $2 AND user_id LIKE 'crowd-%')::int AS ledger`,
        [reward.id, tenant.id],
      );
      expect(row).toEqual({ orders: 10, debits: 10, balance: 200 * 500 - 10 * 500, ledger: 200 * 500 - 10 * 500 });
    }
  });

  it('one user with funds for 3 sends 50 purchases: exactly 3 orders, 47 × 402, never negative', async () => {
    const reward = await createReward(stack, tenant, { stock: null });
    await credit(stack, tenant, 'eager', 'gold_coins', 1500);
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => settledPurchase('eager', reward.slug, { idempotency_key: `eager-${i}` })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 402)).toHaveLength(47);
    expect(await balance('eager')).toBe(0);
    const listed = await call(stack.queryUrl, 'GET', '/v1/rewards/orders/eager?limit=100', { headers: { authorization: `Bearer ${tokenFor('eager')}` } });
    expect(listed.body.total).toBe(3);
    expect(new Set(listed.body.orders.map((o: { id: string }) => o.id))).toEqual(
      new Set(responses.filter((r) => r.status === 200).map((r) => r.body.order.id)),
    );
    if (mode === 'distributed') {
      const [row] = await sqlRows<{ ledger: number; balance: number; negative: number }>(
        stack.databaseUrl!,
        `SELECT (SELECT sum(amount) FROM catalog.wallet_ledger WHERE tenant_id = $1 AND user_id = 'eager')::int AS ledger,
                (SELECT balance FROM catalog.wallet_balances WHERE tenant_id = $1 AND user_id = 'eager')::int AS balance,
                (SELECT count(*) FROM catalog.wallet_ledger WHERE tenant_id = $1 AND user_id = 'eager' AND balance_after < 0)::int AS negative`,
        [tenant.id],
      );
      expect(row).toEqual({ ledger: 0, balance: 0, negative: 0 });
    }
  });

  it('20 identical requests with one key: one order, every response carries its id', async () => {
    const reward = await createReward(stack, tenant);
    await credit(stack, tenant, 'twenty', 'gold_coins', 5000);
    const { responses, busy } = await settledBurst(20, () => purchase('twenty', reward.slug, { idempotency_key: 'same' }));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(responses.map((r) => r.body.order.id)).size).toBe(1);
    const fresh = responses.filter((r) => !r.body.was_cached).length;
    expect(fresh === 1 || (fresh === 0 && busy > 0)).toBe(true);
    expect(await balance('twenty')).toBe(4500);
    if (mode === 'distributed') {
      const [row] = await sqlRows<{ ledger: number; balance: number; orders: number }>(
        stack.databaseUrl!,
        `SELECT (SELECT sum(amount) FROM catalog.wallet_ledger WHERE tenant_id = $1 AND user_id = 'twenty')::int AS ledger,
                (SELECT balance FROM catalog.wallet_balances WHERE tenant_id = $1 AND user_id = 'twenty')::int AS balance,
                (SELECT count(*) FROM catalog.orders WHERE tenant_id = $1 AND user_id = 'twenty')::int AS orders`,
        [tenant.id],
      );
      expect(row).toEqual({ ledger: 4500, balance: 4500, orders: 1 });
    }
  });

  if (mode === 'distributed') {
    it('writes the order’s events to the outbox in the same transaction, in the catalog’s envelope', async () => {
      const reward = await createReward(stack, tenant);
      await credit(stack, tenant, 'evented', 'gold_coins', 500);
      const order = (await purchase('evented', reward.slug, { idempotency_key: 'ev' })).body.order;
      const rows = await sqlRows<{ event_type: string; aggregate_id: string; envelope: unknown; published_at: Date | null }>(
        stack.databaseUrl!,
        `SELECT event_type, aggregate_id, envelope, published_at FROM catalog.outbox WHERE aggregate_id = $1 ORDER BY id`,
        [order.id],
      );
      // The purchase's transaction wrote these two; what follows is fulfillment's, later (this
      // tenant has no fulfillment_url, so its job may already have failed the order: order.failed).
      expect(rows.map((r) => r.event_type).slice(0, 2)).toEqual(['order.created', 'order.fulfilling']);
      const event = parseEvent(rows[0]!.envelope);
      expect(event).toMatchObject({ event_type: 'order.created', event_version: 1, tenant_id: tenant.id });
      expect(event.data).toMatchObject({
        order_id: order.id,
        user_id: 'evented',
        reward_slug: reward.slug,
        reward_name: 'Airtime Top-up',
        state: 'fulfilling',
        source_type: 'purchase',
        source_context: order.id,
        fulfillment_type: 'api',
        price: { currency: 'gold_coins', amount: 500 },
        version: 1,
      });
    });
  }
});
