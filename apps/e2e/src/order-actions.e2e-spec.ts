import { ApiResponse, createReward, createTenant, credit, eventually, StackInfo, TenantCalls, tenantCalls, TestReward, TestTenant } from '@phoenix/testing';
import { randomUUID } from 'node:crypto';
import { eachMode } from './stacks';

type State = 'pending_claim' | 'fulfilling' | 'failed' | 'completed' | 'refunded' | 'expired';
/**
 * Every action on an existing order the gateways expose: the admin gateway's complete and fail
 * (`PUT reward-orders/{id}`), retry and refund, and the user's claim on the query gateway.
 * Expiry is not among them: no route expires an order, the sweep does when `expires_at` passes.
 */
type Action = 'claim' | 'complete' | 'fail' | 'retry' | 'refund';

/** SPEC §5, written out by hand: where each action may start, and where it leads. */
const ALLOWED: Record<Action, { from: State[]; to: State }> = {
  claim: { from: ['pending_claim'], to: 'fulfilling' },
  complete: { from: ['fulfilling'], to: 'completed' },
  fail: { from: ['fulfilling'], to: 'failed' },
  retry: { from: ['failed'], to: 'fulfilling' },
  refund: { from: ['fulfilling', 'failed', 'completed'], to: 'refunded' },
};
const ACTIONS = Object.keys(ALLOWED) as Action[];
const STATES: State[] = ['pending_claim', 'fulfilling', 'failed', 'completed', 'refunded', 'expired'];
/** Every state × every action: 7 legal pairs, 23 refused with 409. */
const CELLS = STATES.flatMap((state) => ACTIONS.map((action) => [state, action] as [State, Action]));

// Each admin action checks the states it starts from itself (security report, issue 16, point 2).
describe.each(eachMode())('order actions by state (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;
  /** Grant-only, credits 50 gold, and waits for a claim with a nickname. */
  let claimable: TestReward;
  /** Bought for 10 gold, shipped by hand after a claim. */
  let shipped: TestReward;
  let admin: TenantCalls['admin'];
  let asUser: TenantCalls['asUser'];
  const orderOf = async (id: string) => (await admin('GET', `/reward-orders/${id}`)).body;
  const balances = async (userId: string) => (await admin('GET', `/wallets/${userId}`)).body.balances;
  const grant = async (userId: string, rewardId: string, extra: Record<string, unknown> = {}) => {
    const response = await admin('POST', '/grants', { user_id: userId, reward_id: rewardId, source_type: 'leaderboard', source_ref: randomUUID(), ...extra });
    expect(response.status).toBe(201);
    return response.body.order as { id: string; status: { state: State } };
  };
  const claim = (userId: string, orderId: string, fields: Record<string, string> = {}) =>
    asUser(userId, 'POST', `/v1/rewards/orders/${orderId}/claim`, { user_id: userId, fields });
  const act = (action: Action, orderId: string, userId: string): Promise<ApiResponse> => {
    switch (action) {
      case 'claim':
        return claim(userId, orderId);
      case 'complete':
        return admin('PUT', `/reward-orders/${orderId}`, { status: { state: 'completed', tracking_number: 'T-1' } });
      case 'fail':
        return admin('PUT', `/reward-orders/${orderId}`, { status: { state: 'failed', reason: 'Lost in transit' } });
      case 'retry':
        return admin('POST', `/reward-orders/${orderId}/retry`);
      case 'refund':
        return admin('POST', `/reward-orders/${orderId}/refund`, { reason: 'Goodwill' });
    }
  };
  /** A 200 with the order in `state` (admin actions answer the order, a claim `{order}`). */
  const expectState = async (response: ApiResponse | Promise<ApiResponse>, state: State) => {
    const { status, body } = await response;
    expect({ status, state: (body?.order ?? body)?.status?.state }).toEqual({ status: 200, state });
  };

  /**
   * A hoodie order of a fresh user in `state`, reached over HTTP: bought (pending_claim), claimed
   * (fulfilling), then completed, failed or refunded by hand. `expired` is a grant left unclaimed
   * past its `expires_at` (the sweep expires it), so refunding it is refused for its kind too.
   */
  const orderIn = async (state: State): Promise<{ id: string; user: string }> => {
    const user = `${state}-${randomUUID().slice(0, 8)}`;
    if (state === 'expired') {
      const order = await grant(user, shipped.id, { expires_at: new Date(Date.now() + 1_000).toISOString() });
      await eventually(async () => expect((await orderOf(order.id)).status.state).toBe('expired'), 30_000, 200);
      return { id: order.id, user };
    }
    await credit(stack, tenant, user, 'gold', 10);
    const bought = await asUser(user, 'POST', `/v1/rewards/purchase/${shipped.slug}`, { user_id: user, idempotency_key: 'buy', currency: 'gold', fields: {} });
    expect(bought.body.order?.status.state).toBe('pending_claim');
    const id: string = bought.body.order.id;
    if (state !== 'pending_claim') await expectState(claim(user, id), 'fulfilling');
    if (state === 'completed') await expectState(act('complete', id, user), 'completed');
    if (state === 'failed') await expectState(act('fail', id, user), 'failed');
    if (state === 'refunded') await expectState(act('refund', id, user), 'refunded');
    return { id, user };
  };

  beforeAll(async () => {
    tenant = await createTenant(stack);
    ({ admin, asUser } = tenantCalls(stack, tenant));
    claimable = await createReward(stack, tenant, {
      fields: [{ name: 'nickname', label: 'Nickname', required: true, type: 'text', max_length: 30 }],
      requires_claim: true,
      purchase: null,
      stock: null,
      fulfillment: { type: 'wallet', item_type: 'currency', currency: 'gold', amount: 50 },
    });
    shipped = await createReward(stack, tenant, {
      fields: [],
      requires_claim: true,
      purchase: { prices: [{ currency: 'gold', amount: 10 }] },
      stock: null,
      fulfillment: { type: 'manual' },
    });
  });

  it('the report: retry of an unclaimed order is 409; it stays pending_claim, credits nothing, and the claim still works', async () => {
    const user = `winner-${randomUUID().slice(0, 8)}`;
    const order = await grant(user, claimable.id);
    expect(order.status).toEqual({ state: 'pending_claim' });
    const before = await orderOf(order.id);

    const retried = await act('retry', order.id, user);
    expect(retried.status).toBe(409);
    expect(retried.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'ORDER_ACTION_NOT_ALLOWED',
      message: 'Cannot retry an order in state "pending_claim": retry is allowed from "failed" only',
      details: [{ path: 'status.state', message: 'pending_claim' }],
    });
    expect(await orderOf(order.id)).toEqual(before);
    expect(await balances(user)).toEqual({});

    await expectState(claim(user, order.id, { nickname: 'ace' }), 'fulfilling');
    const completed = await eventually(async () => {
      const current = await orderOf(order.id);
      expect(current.status.state).toBe('completed');
      return current;
    }, 30_000);
    expect(completed.fields).toEqual({ nickname: 'ace' });
    expect(await balances(user)).toEqual({ gold: 50 });
  });

  it.each(CELLS)('an order in %s: %s', async (state, action) => {
    const { id, user } = await orderIn(state);
    const before = await orderOf(id);
    const response = await act(action, id, user);
    if (ALLOWED[action].from.includes(state)) {
      await expectState(response, ALLOWED[action].to);
      return;
    }
    // The expired order is a grant: refunding it is refused for its kind before its state.
    const reason = state === 'expired' && action === 'refund' ? 'with source_type "leaderboard"' : `in state "${state}"`;
    expect(response.status).toBe(409);
    expect(response.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'ORDER_ACTION_NOT_ALLOWED',
      message: expect.stringContaining(`Cannot ${action} an order ${reason}`),
      details: [{ path: 'status.state', message: state }],
    });
    expect(await orderOf(id)).toEqual(before);
  });

  it('a second refund is refused with 409 and changes nothing: the wallet was credited once', async () => {
    const { id, user } = await orderIn('completed');
    expect(await balances(user)).toEqual({ gold: 0 });
    await expectState(act('refund', id, user), 'refunded');
    const refunded = await orderOf(id);
    const again = await act('refund', id, user);
    expect({ status: again.status, details: again.body.details }).toEqual({ status: 409, details: [{ path: 'status.state', message: 'refunded' }] });
    expect(await orderOf(id)).toEqual(refunded);
    expect(await balances(user)).toEqual({ gold: 10 });
  });
});
