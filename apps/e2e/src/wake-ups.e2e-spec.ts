import {
  call,
  createReward,
  createTenant,
  createTestDatabase,
  credit,
  eventually,
  RunningStack,
  StackInfo,
  startStack,
  TestDatabase,
  TestReceiver,
  TestReward,
  TestTenant,
  userToken,
} from '@phoenix/testing';
import { resolve } from 'node:path';
import { eachMode } from './stacks';

const workspaceRoot = resolve(__dirname, '../../..');
/** Far beyond the test's deadline: only a wake-up can deliver in time. */
const SAFETY_POLL_MS = '60000';
/** Well within the old poll intervals' worth of waiting, and far within the safety polls. */
const DEADLINE_MS = 10_000;

// The loops that carry an order (outbox relay, fulfillment jobs, webhook deliveries, the expiry
// sweep) sleep when idle and are woken by the work itself. With every safety poll at 60 s, a
// purchase must still complete, reach the grant history (ClickHouse) and arrive as a webhook
// within seconds, the second one after the loops have gone back to sleep too, and an unclaimed
// grant must expire within seconds of its deadline.
describe.each(eachMode())('wake-ups: idle loops are woken by new work (%s, safety polls 60 s)', (_mode, shared: StackInfo) => {
  const mode = shared.mode;
  let database: TestDatabase | undefined;
  let stack: RunningStack;
  let tenant: TestTenant;
  let reward: TestReward;
  let receiver: TestReceiver;
  const admin = (method: string, path: string, json?: unknown) =>
    call(stack.adminUrl, method, `/v1/tenants/${tenant.id}${path}`, { headers: { 'x-api-key': tenant.api_key }, ...(json !== undefined ? { json } : {}) });
  const asUser = (user: string, method: string, path: string, json?: unknown) =>
    call(stack.queryUrl, method, path, { headers: { authorization: `Bearer ${userToken(tenant.jwt_secret, { sub: user, tenant_id: tenant.id })}` }, ...(json !== undefined ? { json } : {}) });

  beforeAll(async () => {
    if (mode === 'distributed') database = await createTestDatabase('phoenix_wakeups');
    stack = await startStack(mode, {
      workspaceRoot,
      ...(database ? { databaseUrl: database.url } : {}),
      env: { FULFILLMENT_POLL_MS: SAFETY_POLL_MS, OUTBOX_POLL_MS: SAFETY_POLL_MS, EXPIRY_SWEEP_MS: SAFETY_POLL_MS },
    });
    tenant = await createTenant(stack);
    reward = await createReward(stack, tenant, {
      fields: [],
      stock: null,
      purchase: { prices: [{ currency: 'gold', amount: 5 }] },
      fulfillment: { type: 'wallet', item_type: 'xp', amount: 10 },
    });
    receiver = await TestReceiver.start('pending', () => ({ status: 200 }));
    const endpoint = await admin('POST', '/webhooks', { url: receiver.url, events: ['order.completed'] });
    expect(endpoint.status).toBe(201);
    receiver.useSecret(endpoint.body.secret);
  }, 180_000);

  afterAll(async () => {
    await receiver?.close();
    await stack?.stop();
    await database?.drop();
  }, 60_000);

  it.each([1, 2])('purchase %i completes, shows in the grant history and arrives as a webhook within 10 s', async (n) => {
    const user = `sleeper-${n}`;
    await credit(stack, tenant, user, 'gold', 5);
    // Every loop has finished the round the set-up caused and is asleep on its 60 s poll.
    await new Promise((r) => setTimeout(r, 2_000));

    const started = Date.now();
    const bought = await asUser(user, 'POST', `/v1/rewards/purchase/${reward.slug}`, { user_id: user, idempotency_key: `wake-${n}`, currency: 'gold', fields: {} });
    expect(bought.status).toBe(200);
    const orderId: string = bought.body.order.id;
    const left = () => Math.max(0, DEADLINE_MS - (Date.now() - started));

    await eventually(async () => expect((await admin('GET', `/reward-orders/${orderId}`)).body.status.state).toBe('completed'), left(), 100);
    await eventually(async () => {
      const history = await asUser(user, 'GET', `/v1/orders/user/${user}`);
      expect(history.body.grants).toEqual([expect.objectContaining({ order_id: orderId, state: 'completed' })]);
    }, left(), 100);
    await eventually(async () => {
      const hooks = receiver.calls.filter((c) => (c.json['data'] as { order_id?: string } | undefined)?.order_id === orderId);
      expect(hooks.map((c) => c.json['event_type'])).toEqual(['order.completed']);
    }, left(), 100);
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS);
    expect(receiver.unsigned).toEqual([]);
  });

  it('an unclaimed grant expires within seconds of its expires_at, though the expiry sweep’s safety interval is 60 s', async () => {
    const claimable = await createReward(stack, tenant, { requires_claim: true, purchase: null, stock: 2, fulfillment: { type: 'manual' } });
    // The sweeps at start-up and after the set-up have run: the sweeper sleeps on its 60 s interval.
    await new Promise((r) => setTimeout(r, 2_000));
    const expiresAt = Date.now() + 1_500;
    const granted = await admin('POST', '/grants', {
      user_id: 'forgetful',
      reward_id: claimable.id,
      source_type: 'promotion',
      source_ref: 'wake-expiry',
      expires_at: new Date(expiresAt).toISOString(),
    });
    expect(granted.status).toBe(201);
    const orderId: string = granted.body.order.id;
    await eventually(async () => expect((await admin('GET', `/reward-orders/${orderId}`)).body.status.state).toBe('expired'), DEADLINE_MS, 100);
    expect(Date.now() - expiresAt).toBeLessThan(DEADLINE_MS);
    expect((await admin('GET', `/rewards-catalog/${claimable.id}`)).body.stock).toBe(2);
  });
});
