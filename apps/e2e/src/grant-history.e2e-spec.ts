import { ApiResponse, call, createReward, createTenant, credit, eventually, StackInfo, TestReward, TestTenant, userToken } from '@phoenix/testing';
import { eachMode } from './stacks';

type BadFilter = [query: string, message: RegExp];
const BAD_TIME_FILTERS: BadFilter[] = [
  ['from=yesterday', /from: must be an ISO 8601 date \(2025-01-31\) or date-time/],
  ['to=2020-13-01', /to: must be an ISO 8601 date/],
  ['to=2025-01-01T10:00:00', /to: must be an ISO 8601 date/],
  ['from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z', /from: must be before `to`/],
  ['from=2025-01-02&to=2025-01-01', /from: must be before `to`/],
  ['nope=1', /Unrecognized key.*nope/],
];
const BAD_PAGES: BadFilter[] = [
  ['limit=101', /limit/],
  ['limit=0', /limit/],
  ['offset=-1', /offset/],
];

/** Each query is refused with 400 and a message naming what is wrong. */
async function expectBadFilters(get: (path: string) => Promise<ApiResponse>, prefix: string, cases: BadFilter[]): Promise<void> {
  for (const [query, message] of cases) {
    const response = await get(`${prefix}${query}`);
    expect({ query, status: response.status, message: response.body.message }).toEqual({ query, status: 400, message: expect.stringMatching(message) });
  }
}

// Purchases and grants flow outbox → bus → ClickHouse and show up in the grant history
// (seed 000 shapes) and the tenant's analytics, in both run modes.
describe.each(eachMode())('grant history and analytics (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;
  let gems: TestReward;
  let hoodie: TestReward;
  let purchaseId: string;
  const user = 'player_1';
  const token = () => userToken(tenant.jwt_secret, { sub: user, tenant_id: tenant.id });
  const asUser = (path: string): Promise<ApiResponse> => call(stack.queryUrl, 'GET', path, { headers: { authorization: `Bearer ${token()}` } });
  const asAdmin = (path: string): Promise<ApiResponse> => call(stack.adminUrl, 'GET', path, { headers: { 'x-api-key': tenant.api_key } });
  const grant = (body: Record<string, unknown>) =>
    call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/grants`, { headers: { 'x-api-key': tenant.api_key }, json: { user_id: user, ...body } });

  beforeAll(async () => {
    tenant = await createTenant(stack);
    gems = await createReward(stack, tenant, {
      slug: 'gems-1000',
      name: '1000 Gems',
      fields: [],
      fulfillment: { type: 'wallet', item_type: 'currency', currency: 'gems', amount: 1000 },
      purchase: { prices: [{ currency: 'gold', amount: 5 }] },
    });
    hoodie = await createReward(stack, tenant, { slug: 'hoodie', name: 'Hoodie', requires_claim: true, fulfillment: { type: 'manual' }, purchase: null });
    await grant({ reward_id: gems.id, source_type: 'leaderboard', source_ref: 'weekly-leaderboard', source_name: 'Weekly Top Players', source_context: '2025-W01', metadata: { rank: 1, score: 50000, tier_name: 'gold' } });
    await grant({ reward_id: gems.id, source_type: 'coupon', source_ref: 'def_abc123', source_name: 'New Year Bonus', source_context: 'NEWYEAR2025', metadata: { coupon_id: 'coupon_xyz' } });
    await grant({ reward_id: hoodie.id, source_type: 'leaderboard', source_ref: 'monthly' });
    await credit(stack, tenant, user, 'gold', 5);
    const bought = await call(stack.queryUrl, 'POST', `/v1/rewards/purchase/${gems.slug}`, {
      headers: { authorization: `Bearer ${token()}` },
      json: { user_id: user, idempotency_key: 'buy-1', currency: 'gold', fields: {} },
    });
    purchaseId = bought.body.order.id;
    // The three wallet orders complete (order-fulfillment); the hoodie waits for its claim.
    await eventually(async () => {
      const states = (await asUser(`/v1/orders/user/${user}`)).body.grants.map((g: { state: string }) => g.state).sort();
      expect(states).toEqual(['completed', 'completed', 'completed', 'pending_claim']);
    }, 20_000);
  });

  it('lists every grant with the seed’s fields plus order id and state, newest first', async () => {
    const history = await asUser(`/v1/orders/user/${user}`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
    const [purchase, hoodieGrant, coupon, leaderboard] = history.body.grants;
    expect(purchase).toEqual({
      grant_id: purchaseId,
      order_id: purchaseId,
      grant_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      user_id: user,
      source_type: 'purchase',
      source_id: purchaseId,
      source_name: '',
      source_context: purchaseId,
      item_id: gems.id,
      item_name: '1000 Gems',
      reward_type: 'currency',
      payload: { currency: 'gems', amount: 1000 },
      metadata: {},
      state: 'completed',
    });
    expect(leaderboard).toMatchObject({
      source_type: 'leaderboard',
      source_id: 'weekly-leaderboard',
      source_name: 'Weekly Top Players',
      source_context: '2025-W01',
      metadata: { rank: 1, score: 50000, tier_name: 'gold' },
      reward_type: 'currency',
    });
    expect(coupon).toMatchObject({ source_type: 'coupon', source_id: 'def_abc123', source_context: 'NEWYEAR2025' });
    expect(hoodieGrant).toMatchObject({ item_name: 'Hoodie', reward_type: 'manual', payload: {}, state: 'pending_claim', source_context: 'monthly' });
  });

  it('filters by source, time and pages; refuses bad filters with 400', async () => {
    const leaderboard = await asUser(`/v1/orders/user/${user}?source_type=leaderboard`);
    expect(leaderboard.body.total).toBe(2);
    const one = await asUser(`/v1/orders/user/${user}?source_id=def_abc123`);
    expect(one.body.grants.map((g: { source_type: string }) => g.source_type)).toEqual(['coupon']);
    const future = await asUser(`/v1/orders/user/${user}?from=${encodeURIComponent('2099-01-01T00:00:00Z')}`);
    expect(future.body).toMatchObject({ total: 0, grants: [] });
    const past = await asUser(`/v1/orders/user/${user}?to=${encodeURIComponent('2000-01-01T00:00:00Z')}`);
    expect(past.body.total).toBe(0);
    const page = await asUser(`/v1/orders/user/${user}?limit=2&offset=1`);
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.body.grants).toHaveLength(2);
    await expectBadFilters(asUser, `/v1/orders/user/${user}?`, [...BAD_TIME_FILTERS, ...BAD_PAGES, ['source_type=Bad!', /source_type: must be 1-32 chars/]]);
  });

  it('takes date-only bounds: from is the day’s first instant, to includes the whole day', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await expect(asUser(`/v1/orders/user/${user}?from=${today}&to=${today}`).then((r) => r.body.total)).resolves.toBe(4);
    await expect(asUser(`/v1/orders/user/${user}?to=${today}`).then((r) => r.body.total)).resolves.toBe(4);
    await expect(asUser(`/v1/orders/user/${user}?from=2099-01-01`).then((r) => r.body)).resolves.toMatchObject({ total: 0 });
    await expect(asUser(`/v1/orders/user/${user}?to=2000-01-01`).then((r) => r.body)).resolves.toMatchObject({ total: 0 });
    const stats = await asAdmin(`/v1/analytics/grants/stats?tenant_id=${tenant.id}&from=2025-01-01&to=2025-01-31`);
    expect(stats.body).toMatchObject({ from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z', total_grants: 0 });
  });

  it('source types are open, as in the grant API: an unknown well-formed type matches nothing', async () => {
    // The grant API takes any well-formed source type (features add their own), so the filters do too.
    expect((await asUser(`/v1/orders/user/${user}?source_type=foo`)).body).toMatchObject({ total: 0, grants: [] });
    expect((await asUser(`/v1/rewards/user/${user}?source_type=foo`)).body).toMatchObject({ total: 0, grants: [] });
    expect((await asAdmin(`/v1/analytics/grants?tenant_id=${tenant.id}&source_type=foo`)).body).toMatchObject({ total: 0, grants: [] });
  });

  it('refuses grant metadata over 16 KB (it travels in every event of the order)', async () => {
    const response = await grant({ reward_id: gems.id, source_type: 'coupon', source_ref: 'big', metadata: { note: 'x'.repeat(17 * 1024) } });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/metadata: must be at most 16 KB as JSON/);
  });

  it('refuses bad filters of the by-source route and of the stats with a clear 400', async () => {
    await expectBadFilters(asUser, `/v1/rewards/user/${user}?`, [...BAD_PAGES, ['source_type=Bad!', /source_type: must be 1-32 chars/], ['source_type=', /source_type/], ['from=2025-01-01', /Unrecognized key.*from/]]);
    await expectBadFilters(asAdmin, `/v1/analytics/grants/stats?tenant_id=${tenant.id}&`, [...BAD_TIME_FILTERS, ['source_type=coupon', /Unrecognized key.*source_type/]]);
    await expectBadFilters(asAdmin, '/v1/analytics/grants/stats?', [['from=2025-01-01', /tenant_id/]]);
    await expectBadFilters(asAdmin, `/v1/analytics/grants?tenant_id=${tenant.id}&`, [...BAD_TIME_FILTERS, ...BAD_PAGES.slice(1), ['state=sideways', /state/]]);
  });

  it('returns one grant, a summary by source, and grants of one source type', async () => {
    const single = await asUser(`/v1/orders/user/${user}/${purchaseId}`);
    expect(single.status).toBe(200);
    expect(single.body.order_id).toBe(purchaseId);
    expect((await asUser(`/v1/orders/user/${user}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await asUser(`/v1/orders/user/${user}/not-a-uuid`)).status).toBe(400);
    const summary = await asUser(`/v1/rewards/user/${user}/summary`);
    expect(summary.body).toEqual({
      total_grants: 4,
      by_source: [
        { source_type: 'leaderboard', count: 2 },
        { source_type: 'coupon', count: 1 },
        { source_type: 'purchase', count: 1 },
      ],
    });
    const coupons = await asUser(`/v1/rewards/user/${user}?source_type=coupon`);
    expect(coupons.body).toMatchObject({ total: 1, grants: [expect.objectContaining({ source_type: 'coupon' })] });
  });

  it('shows the latest state after a change (claim)', async () => {
    const pending = (await asUser(`/v1/orders/user/${user}?source_id=monthly`)).body.grants[0];
    await call(stack.queryUrl, 'POST', `/v1/rewards/orders/${pending.order_id}/claim`, {
      headers: { authorization: `Bearer ${token()}` },
      json: { user_id: user, fields: { phone_number: '+251912345678' } },
    });
    await eventually(async () => expect((await asUser(`/v1/orders/user/${user}/${pending.order_id}`)).body.state).toBe('fulfilling'), 15_000);
    expect((await asUser(`/v1/orders/user/${user}`)).body.total).toBe(4);
  });

  it('keeps users and tenants apart', async () => {
    expect((await asUser('/v1/orders/user/player_2')).status).toBe(403);
    expect((await asUser('/v1/rewards/user/player_2/summary')).status).toBe(403);
    const other = await createTenant(stack);
    const stranger = await call(stack.queryUrl, 'GET', `/v1/orders/user/${user}`, {
      headers: { authorization: `Bearer ${userToken(other.jwt_secret, { sub: user, tenant_id: other.id })}` },
    });
    expect(stranger.body.total).toBe(0);
    expect((await asAdmin(`/v1/analytics/grants?tenant_id=${other.id}`)).status).toBe(403);
  });

  it('admin analytics: the tenant’s grants with filters, and stats by source, day, reward, state and event type', async () => {
    const all = await asAdmin(`/v1/analytics/grants?tenant_id=${tenant.id}`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    expect((await asAdmin(`/v1/analytics/grants?tenant_id=${tenant.id}&item_id=${hoodie.id}`)).body.total).toBe(1);
    expect((await asAdmin(`/v1/analytics/grants?tenant_id=${tenant.id}&user_id=nobody`)).body.total).toBe(0);
    expect((await asAdmin('/v1/analytics/grants')).status).toBe(400);
    const today = new Date().toISOString().slice(0, 10);
    // The claim's events may still be on their way into the history.
    await eventually(async () => expect((await asAdmin(`/v1/analytics/grants/stats?tenant_id=${tenant.id}`)).body).toEqual({
      tenant_id: tenant.id,
      from: null,
      to: null,
      total_grants: 4,
      by_source_type: [
        { source_type: 'leaderboard', count: 2 },
        { source_type: 'coupon', count: 1 },
        { source_type: 'purchase', count: 1 },
      ],
      by_day: [{ day: today, count: 4 }],
      by_reward: [
        { item_id: gems.id, item_name: '1000 Gems', count: 3 },
        { item_id: hoodie.id, item_name: 'Hoodie', count: 1 },
      ],
      by_state: [
        { state: 'completed', count: 3 },
        { state: 'fulfilling', count: 1 },
      ],
      // From the event history: three wallet orders created, fulfilling and completed; the hoodie created, claimed, fulfilling.
      by_event_type: [
        { event_type: 'order.created', count: 4 },
        { event_type: 'order.fulfilling', count: 4 },
        { event_type: 'order.completed', count: 3 },
        { event_type: 'order.claimed', count: 1 },
      ],
    }), 15_000);
    const empty = await asAdmin(`/v1/analytics/grants/stats?tenant_id=${tenant.id}&from=${encodeURIComponent('2099-01-01T00:00:00Z')}`);
    expect(empty.body).toMatchObject({ total_grants: 0, by_day: [] });
  });
});
