import { call, createReward, createTenant, credit, StackInfo, TenantCalls, tenantCalls, TestReward, TestTenant, userToken } from '@phoenix/testing';
import { randomUUID } from 'node:crypto';
import { MISSING_OR_INVALID_CREDENTIALS, PATH_STYLES, rewardsPath } from './path-styles';
import { eachMode } from './stacks';

const ADDRESS_FIELDS = [
  { name: 'phone_number', label: 'Phone', required: true, type: 'text', pattern: '^\\+[0-9]{10,15}$' },
  { name: 'address', label: 'Address', required: true, type: 'text', multiline: true, max_length: 500 },
  { name: 'network', label: 'Network', required: false, type: 'select', options: [{ value: 'ethio', label: 'Ethio Telecom' }] },
];
const CLAIM_FIELDS = { phone_number: '+251912345678', address: '123 Main St, Addis Ababa' };

describe.each(eachMode())('grants, claims and orders (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;
  let shipped: TestReward;
  let xp: TestReward;
  let admin: TenantCalls['admin'];
  let asUser: TenantCalls['asUser'];
  const grant = (body: Record<string, unknown>) => admin('POST', '/grants', { source_type: 'leaderboard', source_ref: `weekly_${randomUUID()}`, ...body });

  beforeAll(async () => {
    tenant = await createTenant(stack);
    ({ admin, asUser } = tenantCalls(stack, tenant));
    shipped = await createReward(stack, tenant, {
      slug: 'hoodie',
      name: 'Hoodie',
      fields: ADDRESS_FIELDS,
      requires_claim: true,
      purchase: { prices: [{ currency: 'gold_coins', amount: 300 }] },
      fulfillment: { type: 'manual', notes: 'Ship to user' },
      stock: 50,
    });
    xp = await createReward(stack, tenant, { slug: 'xp-1000', fields: [], purchase: null, fulfillment: { type: 'wallet', item_type: 'xp', amount: 1000 }, stock: null });
  });

  describe('grants', () => {
    it('grants a claimable reward as pending_claim, shaped like seed 001, taking stock', async () => {
      const response = await grant({ user_id: 'winner', reward_id: shipped.id, source_ref: 'weekly_top10', expires_at: '2099-02-28T23:59:59Z' });
      expect(response.status).toBe(201);
      expect(response.body.order).toEqual({
        id: expect.any(String),
        tenant_id: tenant.id,
        user_id: 'winner',
        reward_id: shipped.id,
        variant_id: 'default',
        source_type: 'leaderboard',
        source_ref: 'weekly_top10',
        status: { state: 'pending_claim' },
        fields: {},
        fulfillment: { type: 'manual' },
        requires_claim: true,
        expires_at: '2099-02-28T23:59:59.000Z',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect((await admin('GET', `/rewards-catalog/${shipped.id}`)).body.stock).toBe(49);
    });

    it('grants straight to fulfilling when nothing is missing; a missing required field waits for a claim', async () => {
      const direct = await grant({ user_id: 'u-direct', reward_id: xp.id });
      expect(direct.body.order.status).toEqual({ state: 'fulfilling', started_at: expect.any(String) });
      expect(direct.body.order.fulfillment).toEqual({ type: 'wallet', item_type: 'xp', amount: 1000 });
      const needsPhone = await createReward(stack, tenant, { purchase: null, requires_claim: false });
      const waiting = await grant({ user_id: 'u-wait', reward_id: needsPhone.id });
      expect(waiting.body.order).toMatchObject({ status: { state: 'pending_claim' }, requires_claim: true });
      const given = await grant({ user_id: 'u-given', reward_id: needsPhone.id, fields: { phone_number: '+251912345678' } });
      expect(given.body.order.status.state).toBe('fulfilling');
      const bad = await grant({ user_id: 'u-bad', reward_id: needsPhone.id, fields: { phone_number: 'nope' } });
      expect(bad.status).toBe(400);
    });

    it('is idempotent per user, source and reward by default, and per key when given', async () => {
      const body = { user_id: 'repeat', reward_id: xp.id, source_type: 'streak', source_ref: 'milestone-30' };
      const first = await admin('POST', '/grants', body);
      const second = await admin('POST', '/grants', body);
      expect(second.body).toEqual({ order: first.body.order, was_cached: true });
      const otherUser = await admin('POST', '/grants', { ...body, user_id: 'repeat-2' });
      expect(otherUser.body.order.id).not.toBe(first.body.order.id);
      const keyed = await admin('POST', '/grants', { ...body, idempotency_key: 'coupon-1' });
      expect(keyed.body.was_cached).toBe(false);
      expect((await admin('POST', '/grants', { ...body, source_ref: 'milestone-60', idempotency_key: 'coupon-1' })).status).toBe(409);
    });

    it('keeps source name, context and metadata, and refuses bad grants', async () => {
      const meta = await grant({ user_id: 'meta', reward_id: xp.id, source_name: 'Weekly Top Players', source_context: '2025-W01', metadata: { rank: 1 } });
      expect(meta.status).toBe(201);
      expect((await grant({ user_id: 'x', reward_id: randomUUID() })).status).toBe(404);
      expect((await grant({ user_id: 'x', reward_id: xp.id, source_type: 'purchase' })).status).toBe(400);
      expect((await grant({ user_id: 'x', reward_id: xp.id, expires_at: '2001-01-01T00:00:00Z' })).status).toBe(400);
      expect((await grant({ user_id: 'x', reward_id: 'nope' })).status).toBe(400);
      const inactive = await createReward(stack, tenant, { active: false, purchase: null });
      expect((await grant({ user_id: 'x', reward_id: inactive.id })).status).toBe(409);
      const scarce = await createReward(stack, tenant, { stock: 0, purchase: null, fields: [] });
      expect((await grant({ user_id: 'x', reward_id: scarce.id })).status).toBe(409);
    });

    it('replays a failed grant’s error with was_cached, alone and in bulk', async () => {
      const scarce = await createReward(stack, tenant, { stock: 0, purchase: null, fields: [] });
      const body = { user_id: 'unlucky', reward_id: scarce.id, source_type: 'wheel', source_ref: 'spin-1' };
      const first = await admin('POST', '/grants', body);
      expect(first.status).toBe(409);
      expect(first.body).toEqual({ statusCode: 409, error: 'Conflict', code: 'OUT_OF_STOCK', message: expect.any(String) });
      const again = await admin('POST', '/grants', body);
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ ...first.body, was_cached: true });
      const other = { ...body, source_ref: 'spin-2' };
      const bulk = await admin('POST', '/grants/bulk', { grants: [other, other] });
      expect(bulk.body.results).toEqual([
        { index: 0, status: 409, error: { code: 'OUT_OF_STOCK', message: first.body.message } },
        { index: 1, status: 409, error: { code: 'OUT_OF_STOCK', message: first.body.message }, was_cached: true },
      ]);
      expect(bulk.body).toMatchObject({ created: 0, cached: 0, failed: 2 });
    });

    it('bulk: up to 1,000 grants, each on its own, with per-item results', async () => {
      const grants = [
        { user_id: 'b1', reward_id: xp.id, source_type: 'achievement', source_ref: 'first-win' },
        { user_id: 'b2', reward_id: xp.id, source_type: 'achievement', source_ref: 'first-win' },
        { user_id: 'b1', reward_id: xp.id, source_type: 'achievement', source_ref: 'first-win' },
        { user_id: 'b3', reward_id: randomUUID(), source_type: 'achievement', source_ref: 'first-win' },
        { user_id: 'b4', source_type: 'achievement' },
      ];
      const response = await admin('POST', '/grants/bulk', { grants });
      expect(response.status).toBe(200);
      expect(response.body.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 201, 404, 400]);
      expect(response.body.results[2].was_cached).toBe(true);
      expect(response.body.results[4].error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['reward_id', 'source_ref']));
      expect(response.body).toMatchObject({ created: 2, cached: 1, failed: 2 });
      const many = Array.from({ length: 1000 }, (_, i) => ({ user_id: `m${i}`, reward_id: xp.id, source_type: 'promotion', source_ref: 'launch' }));
      const big = await admin('POST', '/grants/bulk', { grants: many });
      expect(big.body).toMatchObject({ created: 1000, cached: 0, failed: 0 });
      expect((await admin('POST', '/grants/bulk', { grants: [...many, many[0]] })).status).toBe(400);
      expect((await admin('POST', '/grants/bulk', { grants: [] })).status).toBe(400);
    });
  });

  describe('claims', () => {
    it('claims a pending grant in both path styles, moving it to fulfilling', async () => {
      for (const prefix of [`/v1/rewards/${tenant.id}`, '/v1/rewards']) {
        const order = (await grant({ user_id: 'claimer', reward_id: shipped.id })).body.order;
        const claimed = await asUser('claimer', 'POST', `${prefix}/orders/${order.id}/claim`, { user_id: 'claimer', fields: CLAIM_FIELDS });
        expect(claimed.status).toBe(200);
        expect(claimed.body.order).toMatchObject({ id: order.id, status: { state: 'fulfilling', started_at: expect.any(String), claimed_at: expect.any(String) }, fields: CLAIM_FIELDS });
        const again = await asUser('claimer', 'POST', `${prefix}/orders/${order.id}/claim`, { user_id: 'claimer', fields: CLAIM_FIELDS });
        expect(again.status).toBe(409);
      }
    });

    describe.each(PATH_STYLES)('errors (%s path)', (style) => {
      const claim = (orderId: string, userId: string, fields: Record<string, string>, headers?: Record<string, string>) =>
        call(stack.queryUrl, 'POST', rewardsPath(style, tenant.id, `/orders/${orderId}/claim`), {
          headers: headers ?? { authorization: `Bearer ${userToken(tenant.jwt_secret, { sub: userId, tenant_id: tenant.id })}` },
          json: { user_id: userId, fields },
        });

      it('refuses another user’s order (403), missing or bad fields (400), unknown or malformed order ids (404, 400)', async () => {
        const order = (await grant({ user_id: 'owner', reward_id: shipped.id })).body.order;
        const thief = userToken(tenant.jwt_secret, { sub: 'thief', tenant_id: tenant.id });
        expect((await claim(order.id, 'owner', CLAIM_FIELDS, { authorization: `Bearer ${thief}` })).status).toBe(403);
        const service = userToken(tenant.jwt_secret, { sub: 'svc', tenant_id: tenant.id, role: 'service' });
        const viaService = await claim(order.id, 'thief', CLAIM_FIELDS, { authorization: `Bearer ${service}` });
        expect(viaService.status).toBe(403);
        const missing = await claim(order.id, 'owner', { phone_number: '+251912345678' });
        expect(missing.status).toBe(400);
        expect(missing.body.details).toEqual([{ path: 'fields.address', message: 'is required' }]);
        const bad = await claim(order.id, 'owner', { ...CLAIM_FIELDS, network: 'mars' });
        expect(bad.status).toBe(400);
        expect(bad.body.details).toEqual([expect.objectContaining({ path: 'fields.network' })]);
        const unknown = await claim(randomUUID(), 'owner', CLAIM_FIELDS);
        expect(unknown.status).toBe(404);
        expect(unknown.body.code).toBe('NOT_FOUND');
        expect((await claim('not-a-uuid', 'owner', CLAIM_FIELDS)).status).toBe(400);
        expect((await admin('GET', `/reward-orders/${order.id}`)).body.status).toEqual({ state: 'pending_claim' });
      });

      it.each(MISSING_OR_INVALID_CREDENTIALS)('401s %s, leaving the order pending', async (_name, headers) => {
        const order = (await grant({ user_id: 'owner', reward_id: shipped.id })).body.order;
        const response = await claim(order.id, 'owner', CLAIM_FIELDS, headers);
        expect(response.status).toBe(401);
        expect(response.body.code).toBe('UNAUTHENTICATED');
        expect((await admin('GET', `/reward-orders/${order.id}`)).body.status).toEqual({ state: 'pending_claim' });
      });
    });
  });

  describe('orders', () => {
    let buyer: string;
    beforeAll(async () => {
      buyer = `buyer-${randomUUID().slice(0, 8)}`;
      await credit(stack, tenant, buyer, 'gold_coins', 900);
      await asUser(buyer, 'POST', '/v1/rewards/purchase/hoodie', { user_id: buyer, idempotency_key: 'h1', currency: 'gold_coins', fields: { phone_number: '+251911111111' } });
      await grant({ user_id: buyer, reward_id: xp.id });
      await asUser(buyer, 'POST', '/v1/rewards/purchase/hoodie', { user_id: buyer, idempotency_key: 'h2', currency: 'gold_coins', fields: { phone_number: '+251922222222', network: 'ethio' } });
    });

    describe.each(PATH_STYLES)('%s path', (style) => {
      const path = (rest: string) => rewardsPath(style, tenant.id, rest);

      it('lists a user’s orders in the seed’s summary shape, newest first, with status, limit and offset', async () => {
        const list = await asUser(buyer, 'GET', path(`/orders/${buyer}`));
        expect(list.status).toBe(200);
        expect(list.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
        expect(list.body.orders[0]).toEqual({
          id: expect.any(String),
          reward_id: shipped.id,
          reward_name: 'Hoodie',
          reward_image_url: 'https://example.com/airtime.png',
          variant_id: 'default',
          source_type: 'purchase',
          status: { state: 'pending_claim' },
          requires_claim: true,
          created_at: expect.any(String),
        });
        expect(list.body.orders.map((o: { source_type: string }) => o.source_type)).toEqual(['purchase', 'leaderboard', 'purchase']);
        const filtered = await asUser(buyer, 'GET', path(`/orders/${buyer}?status=fulfilling`));
        expect(filtered.body.orders.map((o: { source_type: string }) => o.source_type)).toEqual(['leaderboard']);
        const paged = await asUser(buyer, 'GET', path(`/orders/${buyer}?limit=1&offset=2`));
        expect(paged.body).toMatchObject({ total: 3, limit: 1, offset: 2 });
        expect(paged.body.orders).toEqual([expect.objectContaining({ id: list.body.orders[2].id })]);
      });

      it('refuses bad list queries (400) and another user’s list (403)', async () => {
        expect((await asUser(buyer, 'GET', path(`/orders/${buyer}?limit=101`))).status).toBe(400);
        expect((await asUser(buyer, 'GET', path(`/orders/${buyer}?status=lost`))).status).toBe(400);
        expect((await asUser(buyer, 'GET', path(`/orders/${buyer}?colour=red`))).status).toBe(400);
        const other = await asUser(buyer, 'GET', path('/orders/someone-else'));
        expect(other.status).toBe(403);
        expect(other.body.code).toBe('FORBIDDEN');
      });

      it('shows one order to its user in seed 002’s shape; another user’s is 403 or 404, a bad id 400', async () => {
        const [latest] = (await asUser(buyer, 'GET', path(`/orders/${buyer}`))).body.orders;
        const detail = await asUser(buyer, 'GET', path(`/orders/${buyer}/${latest.id}`));
        expect(detail.status).toBe(200);
        expect(detail.body).toEqual({
          id: latest.id,
          tenant_id: tenant.id,
          user_id: buyer,
          reward_id: shipped.id,
          variant_id: 'default',
          source_type: 'purchase',
          source_ref: null,
          status: { state: 'pending_claim' },
          fields: { phone_number: '+251922222222', network: 'ethio' },
          fulfillment: { type: 'manual' },
          requires_claim: true,
          expires_at: null,
          created_at: latest.created_at,
          updated_at: expect.any(String),
        });
        expect((await asUser(buyer, 'GET', path(`/orders/someone-else/${latest.id}`))).status).toBe(403);
        const service = userToken(tenant.jwt_secret, { sub: 'svc', tenant_id: tenant.id, role: 'service' });
        const wrongUser = await call(stack.queryUrl, 'GET', path(`/orders/nobody/${latest.id}`), { headers: { authorization: `Bearer ${service}` } });
        expect(wrongUser.status).toBe(404);
        expect((await asUser(buyer, 'GET', path(`/orders/${buyer}/${randomUUID()}`))).status).toBe(404);
        const malformed = await asUser(buyer, 'GET', path(`/orders/${buyer}/not-a-uuid`));
        expect(malformed.status).toBe(400);
        expect(malformed.body.code).toBe('VALIDATION');
      });

      it('gives the latest field values; another user’s are 403, a missing user_id 400', async () => {
        const recent = await asUser(buyer, 'GET', path(`/recent-fields?user_id=${buyer}`));
        expect(recent.status).toBe(200);
        expect(recent.body).toEqual({ fields: { phone_number: '+251922222222', network: 'ethio' } });
        expect((await asUser(buyer, 'GET', path('/recent-fields?user_id=other'))).status).toBe(403);
        expect((await asUser(buyer, 'GET', path('/recent-fields'))).status).toBe(400);
      });

      it.each(MISSING_OR_INVALID_CREDENTIALS)('401s %s on the list, the detail and the recent fields', async (_name, headers) => {
        const [latest] = (await asUser(buyer, 'GET', path(`/orders/${buyer}`))).body.orders;
        for (const route of [`/orders/${buyer}`, `/orders/${buyer}/${latest.id}`, `/recent-fields?user_id=${buyer}`]) {
          const response = await call(stack.queryUrl, 'GET', path(route), { headers });
          expect({ route, status: response.status }).toEqual({ route, status: 401 });
        }
      });
    });

    it('403s the tenant path of another tenant: list, detail, claim and recent fields', async () => {
      const foreign = await createTenant(stack);
      const [latest] = (await asUser(buyer, 'GET', `/v1/rewards/orders/${buyer}`)).body.orders;
      const requests: Array<[string, string, unknown?]> = [
        ['GET', `/orders/${buyer}`],
        ['GET', `/orders/${buyer}/${latest.id}`],
        ['POST', `/orders/${latest.id}/claim`, { user_id: buyer, fields: CLAIM_FIELDS }],
        ['GET', `/recent-fields?user_id=${buyer}`],
      ];
      for (const [method, route, json] of requests) {
        const response = await asUser(buyer, method, `/v1/rewards/${foreign.id}${route}`, json);
        expect({ route, status: response.status }).toEqual({ route, status: 403 });
      }
      expect((await admin('GET', `/reward-orders/${latest.id}`)).body.status).toEqual({ state: 'pending_claim' });
    });

    it('admin: lists with filters (the manual queue), completes and fails manual orders', async () => {
      const queue = await admin('GET', `/reward-orders?state=pending_claim&fulfillment_type=manual&user_id=${buyer}`);
      expect(queue.body.total).toBe(2);
      const [order] = queue.body.orders;
      expect((await admin('GET', `/reward-orders?reward_id=${xp.id}&user_id=${buyer}`)).body.total).toBe(1);
      expect((await admin('GET', '/reward-orders?fulfillment_type=pigeon')).status).toBe(400);

      const early = await admin('PUT', `/reward-orders/${order.id}`, { status: { state: 'completed', tracking_number: 'T1' } });
      expect(early.status).toBe(409);
      await asUser(buyer, 'POST', `/v1/rewards/orders/${order.id}/claim`, { user_id: buyer, fields: { address: 'Bole Road' } });
      const done = await admin('PUT', `/reward-orders/${order.id}`, {
        status: { state: 'completed', tracking_number: 'TRACK123456', shipped_at: '2026-01-28T14:00:00Z', notes: 'Shipped via DHL' },
      });
      expect(done.status).toBe(200);
      expect(done.body.status).toEqual({
        state: 'completed',
        started_at: expect.any(String),
        claimed_at: expect.any(String),
        completed_at: expect.any(String),
        data: { type: 'manual', tracking_number: 'TRACK123456', shipped_at: '2026-01-28T14:00:00Z', notes: 'Shipped via DHL' },
      });
      expect((await admin('PUT', `/reward-orders/${order.id}`, { status: { state: 'failed', reason: 'late' } })).status).toBe(409);
      expect((await admin('GET', `/reward-orders/${order.id}`)).body.status.state).toBe('completed');

      const xpOrder = (await admin('GET', `/reward-orders?reward_id=${xp.id}&user_id=${buyer}`)).body.orders[0];
      expect((await admin('PUT', `/reward-orders/${xpOrder.id}`, { status: { state: 'completed' } })).status).toBe(409);
      expect((await admin('PUT', `/reward-orders/${xpOrder.id}`, { status: { state: 'refunded' } })).status).toBe(400);
      expect((await admin('GET', `/reward-orders/${randomUUID()}`)).status).toBe(404);
    });

    it('refunds a purchase once: price back to the wallet, unit back to stock; grants are not refundable', async () => {
      const user = `refunded-${randomUUID().slice(0, 8)}`;
      await credit(stack, tenant, user, 'gold_coins', 300);
      const bought = await asUser(user, 'POST', '/v1/rewards/purchase/hoodie', { user_id: user, idempotency_key: 'r1', currency: 'gold_coins', fields: {} });
      expect(bought.status).toBe(200);
      const stockBefore = (await admin('GET', `/rewards-catalog/${shipped.id}`)).body.stock;
      const pending = await admin('POST', `/reward-orders/${bought.body.order.id}/refund`, { reason: 'changed mind' });
      expect(pending.status).toBe(409);
      await asUser(user, 'POST', `/v1/rewards/orders/${bought.body.order.id}/claim`, { user_id: user, fields: CLAIM_FIELDS });
      const refunded = await admin('POST', `/reward-orders/${bought.body.order.id}/refund`, { reason: 'Customer requested cancellation' });
      expect(refunded.status).toBe(200);
      expect(refunded.body.status).toMatchObject({ state: 'refunded', refunded_at: expect.any(String), reason: 'Customer requested cancellation' });
      // SPEC §5: a second refund is an illegal move, told with the state the order is in.
      const again = await admin('POST', `/reward-orders/${bought.body.order.id}/refund`, { reason: 'again' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'ORDER_ACTION_NOT_ALLOWED', details: [{ path: 'status.state', message: 'refunded' }] });
      expect((await admin('GET', `/reward-orders/${bought.body.order.id}`)).body.status.reason).toBe('Customer requested cancellation');
      const wallet = await admin('GET', `/wallets/${user}`);
      expect(wallet.body.balances).toEqual({ gold_coins: 300 });
      expect((await admin('GET', `/rewards-catalog/${shipped.id}`)).body.stock).toBe(stockBefore + 1);
      const granted = (await grant({ user_id: user, reward_id: xp.id })).body.order;
      expect((await admin('POST', `/reward-orders/${granted.id}/refund`, { reason: 'no' })).status).toBe(409);
      expect((await admin('POST', `/reward-orders/${granted.id}/refund`, {})).status).toBe(400);
    });

    /** A hoodie bought with the user's 300 gold coins and claimed: a manual order in fulfilling. */
    const boughtAndClaimed = async (user: string) => {
      await credit(stack, tenant, user, 'gold_coins', 300);
      const bought = await asUser(user, 'POST', '/v1/rewards/purchase/hoodie', { user_id: user, idempotency_key: 'buy', currency: 'gold_coins', fields: {} });
      const claimed = await asUser(user, 'POST', `/v1/rewards/orders/${bought.body.order.id}/claim`, { user_id: user, fields: CLAIM_FIELDS });
      expect(claimed.body.order.status.state).toBe('fulfilling');
      return claimed.body.order as { id: string };
    };

    it('admin: fails a manual order with its reason', async () => {
      const user = `failed-${randomUUID().slice(0, 8)}`;
      const order = await boughtAndClaimed(user);
      const failed = await admin('PUT', `/reward-orders/${order.id}`, { status: { state: 'failed', reason: 'Address undeliverable' } });
      expect(failed.status).toBe(200);
      expect(failed.body).toEqual({
        ...order,
        status: { state: 'failed', started_at: expect.any(String), claimed_at: expect.any(String), failed_at: expect.any(String), reason: 'Address undeliverable' },
        updated_at: expect.any(String),
      });
      expect((await admin('GET', `/reward-orders/${order.id}`)).body).toEqual(failed.body);
      const detail = await asUser(user, 'GET', `/v1/rewards/orders/${user}/${order.id}`);
      expect(detail.body.status).toEqual(failed.body.status);
      expect((await admin('PUT', `/reward-orders/${order.id}`, { status: { state: 'failed' } })).status).toBe(400);
    });

    it.each([
      ['completed', { state: 'completed', tracking_number: 'TRACK1' }],
      ['failed', { state: 'failed', reason: 'Lost in transit' }],
    ])('refunds a purchase from %s end to end: wallet credited once, unit back to stock', async (state, status) => {
      const user = `refund-${state}-${randomUUID().slice(0, 8)}`;
      const order = await boughtAndClaimed(user);
      expect((await admin('PUT', `/reward-orders/${order.id}`, { status })).body.status.state).toBe(state);
      const stockBefore = (await admin('GET', `/rewards-catalog/${shipped.id}`)).body.stock;
      expect((await admin('GET', `/wallets/${user}`)).body.balances).toEqual({ gold_coins: 0 });
      const refunded = await admin('POST', `/reward-orders/${order.id}/refund`, { reason: 'Goodwill' });
      expect(refunded.status).toBe(200);
      expect(refunded.body.status).toMatchObject({ state: 'refunded', refunded_at: expect.any(String), reason: 'Goodwill' });
      expect((await admin('POST', `/reward-orders/${order.id}/refund`, { reason: 'twice' })).status).toBe(409);
      expect((await admin('GET', `/reward-orders/${order.id}`)).body).toEqual(refunded.body);
      expect((await admin('GET', `/wallets/${user}`)).body.balances).toEqual({ gold_coins: 300 });
      expect((await admin('GET', `/rewards-catalog/${shipped.id}`)).body.stock).toBe(stockBefore + 1);
      expect((await asUser(user, 'GET', `/v1/rewards/orders/${user}/${order.id}`)).body.status.state).toBe('refunded');
    });
  });

  describe('admin routes: credentials and tenants', () => {
    const routes = (tenantId: string, rewardId: string): Array<[string, string, unknown?]> => [
      ['POST', `/v1/tenants/${tenantId}/grants`, { user_id: 'intruder', reward_id: rewardId, source_type: 'leaderboard', source_ref: 'x' }],
      ['POST', `/v1/tenants/${tenantId}/grants/bulk`, { grants: [{ user_id: 'intruder', reward_id: rewardId, source_type: 'leaderboard', source_ref: 'y' }] }],
      ['GET', `/v1/tenants/${tenantId}/reward-orders`],
      ['GET', `/v1/tenants/${tenantId}/reward-orders/${randomUUID()}`],
    ];

    it.each(MISSING_OR_INVALID_CREDENTIALS)('401s %s on grants, bulk grants and reward orders', async (_name, headers) => {
      for (const [method, path, json] of routes(tenant.id, xp.id)) {
        const response = await call(stack.adminUrl, method, path, { headers, ...(json !== undefined ? { json } : {}) });
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
      }
      expect((await admin('GET', '/reward-orders?user_id=intruder')).body.total).toBe(0);
    });

    it('403s another tenant’s key on grants, bulk grants and reward orders, granting nothing', async () => {
      const foreign = await createTenant(stack);
      for (const [method, path, json] of routes(tenant.id, xp.id)) {
        const response = await call(stack.adminUrl, method, path, { headers: { 'x-api-key': foreign.api_key }, ...(json !== undefined ? { json } : {}) });
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
      }
      expect((await admin('GET', '/reward-orders?user_id=intruder')).body.total).toBe(0);
    });
  });
});
