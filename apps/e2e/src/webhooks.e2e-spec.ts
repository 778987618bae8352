import { call, createReward, createTenant, credit, eventually, StackInfo, TestReceiver, TestTenant, userToken } from '@phoenix/testing';
import { createHmac } from 'node:crypto';
import { eachMode } from './stacks';

const ALL_EVENTS = ['order.created', 'order.claimed', 'order.fulfilling', 'order.completed', 'order.failed', 'order.expired', 'order.refunded'];

// Webhooks against real receivers that verify every signature (backoff scaled by 0.001,
// endpoints disabled after 8 failures in a row: test settings).
describe.each(eachMode())('webhooks (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;
  const receivers: TestReceiver[] = [];
  const admin = (method: string, path: string, json?: unknown) =>
    call(stack.adminUrl, method, `/v1/tenants/${tenant.id}${path}`, { headers: { 'x-api-key': tenant.api_key }, ...(json !== undefined ? { json } : {}) });
  const receiver = async (respond: Parameters<typeof TestReceiver.start>[1]) => {
    const started = await TestReceiver.start('pending', respond);
    receivers.push(started);
    return started;
  };
  /** Registers a receiver as an endpoint and teaches it the endpoint's signing secret. */
  const subscribe = async (target: TestReceiver, events = ALL_EVENTS) => {
    const created = await admin('POST', '/webhooks', { url: target.url, events });
    expect(created.status).toBe(201);
    target.useSecret(created.body.secret);
    return created.body as { id: string; secret: string };
  };

  beforeEach(async () => {
    tenant = await createTenant(stack);
  });

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('manages endpoints: secret shown once, list, change, delete; bad URLs are 400', async () => {
    const created = await admin('POST', '/webhooks', { url: 'https://hooks.example.com/phoenix', events: ['order.completed'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: 'https://hooks.example.com/phoenix', events: ['order.completed'], enabled: true, failure_streak: 0, secret: expect.stringMatching(/^whsec_/) });
    const id = created.body.id;
    const got = await admin('GET', `/webhooks/${id}`);
    expect(got.body.secret).toBeUndefined();
    expect((await admin('GET', '/webhooks')).body.webhooks.map((w: { id: string }) => w.id)).toEqual([id]);
    expect((await admin('PUT', `/webhooks/${id}`, { events: ['order.failed', 'order.expired'], enabled: false })).body).toMatchObject({ events: ['order.failed', 'order.expired'], enabled: false });
    expect((await admin('POST', '/webhooks', { url: 'ftp://hooks.example.com/x', events: ['order.created'] })).status).toBe(400);
    expect((await admin('POST', '/webhooks', { url: 'https://hooks.example.com/x', events: ['order.lost'] })).status).toBe(400);
    expect((await admin('POST', '/webhooks', { url: 'https://hooks.example.com/x', events: [] })).status).toBe(400);
    expect((await admin('DELETE', `/webhooks/${id}`)).status).toBe(200);
    expect((await admin('GET', `/webhooks/${id}`)).status).toBe(404);
    const other = await createTenant(stack);
    const cross = await call(stack.adminUrl, 'GET', `/v1/tenants/${other.id}/webhooks`, { headers: { 'x-api-key': tenant.api_key } });
    expect(cross.status).toBe(403);
  });

  it('delivers every event type with a valid signature and the SPEC payload; a tampered body fails verification', async () => {
    const target = await receiver(() => ({ status: 200, body: { ok: true } }));
    const endpoint = await subscribe(target);
    const manual = await createReward(stack, tenant, { requires_claim: true, fulfillment: { type: 'manual' }, purchase: { prices: [{ currency: 'gold', amount: 10 }] }, stock: 10 });
    const token = userToken(tenant.jwt_secret, { sub: 'hooked', tenant_id: tenant.id });
    const claim = (orderId: string) =>
      call(stack.queryUrl, 'POST', `/v1/rewards/orders/${orderId}/claim`, { headers: { authorization: `Bearer ${token}` }, json: { user_id: 'hooked', fields: { phone_number: '+251912345678' } } });
    const grant = async (ref: string, extra: Record<string, unknown> = {}) =>
      (await admin('POST', '/grants', { user_id: 'hooked', reward_id: manual.id, source_type: 'admin', source_ref: ref, ...extra })).body.order;

    const completed = await grant('complete-me');
    await claim(completed.id);
    await admin('PUT', `/reward-orders/${completed.id}`, { status: { state: 'completed', tracking_number: 'T-9' } });
    const failed = await grant('fail-me');
    await claim(failed.id);
    await admin('PUT', `/reward-orders/${failed.id}`, { status: { state: 'failed', reason: 'lost in transit' } });
    await grant('expire-me', { expires_at: new Date(Date.now() + 1_000).toISOString() });
    await credit(stack, tenant, 'hooked', 'gold', 10);
    const bought = (await call(stack.queryUrl, 'POST', `/v1/rewards/purchase/${manual.slug}`, { headers: { authorization: `Bearer ${token}` }, json: { user_id: 'hooked', idempotency_key: 'b', currency: 'gold', fields: {} } })).body.order;
    await claim(bought.id);
    await admin('POST', `/reward-orders/${bought.id}/refund`, { reason: 'changed mind' });

    await eventually(async () => {
      const types = new Set(target.calls.map((c) => c.json['event_type']));
      expect([...types].sort()).toEqual([...ALL_EVENTS].sort());
    }, 30_000, 200);
    for (const received of target.calls) {
      expect(received.signatureValid).toBe(true);
      expect(received.headers['x-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number(received.headers['x-webhook-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 120);
      expect(received.json).toEqual({
        event_type: expect.any(String),
        tenant_id: tenant.id,
        timestamp: expect.any(String),
        data: { order_id: expect.any(String), user_id: 'hooked', reward_id: manual.id, reward_slug: manual.slug, fulfillment_type: 'manual', fulfillment_data: expect.any(Object) },
      });
    }
    const completion = target.calls.find((c) => c.json['event_type'] === 'order.completed')!;
    expect((completion.json['data'] as Record<string, unknown>)['fulfillment_data']).toEqual({ type: 'manual', tracking_number: 'T-9' });
    expect(new Set(target.calls.map((c) => c.headers['x-webhook-id'])).size).toBe(target.calls.length);

    // The receiver's own verifier: any change to the body breaks the signature.
    const tampered = completion.body.replace('T-9', 'T-0');
    const signature = createHmac('sha256', endpoint.secret).update(tampered).digest('hex');
    expect(signature).not.toBe(completion.headers['x-webhook-signature']);
  });

  it('logs every attempt, retries with backoff, and redelivers on demand', async () => {
    let healthy = false;
    const target = await receiver(() => (healthy ? { status: 204 } : { status: 500, body: { error: 'busy' } }));
    const endpoint = await subscribe(target, ['order.created']);
    const reward = await createReward(stack, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'manual' } });
    await admin('POST', '/grants', { user_id: 'logged', reward_id: reward.id, source_type: 'admin', source_ref: 'log' });
    const log = await eventually(async () => {
      const current = (await admin('GET', `/webhooks/${endpoint.id}/deliveries`)).body;
      expect(current.deliveries[0].attempts.length).toBeGreaterThanOrEqual(6);
      return current;
    }, 30_000, 200);
    const [delivery] = log.deliveries;
    expect(delivery).toMatchObject({ event_type: 'order.created', endpoint_id: endpoint.id });
    expect(delivery.attempts[0]).toMatchObject({ attempt: 1, status_code: 500, error: null, response_snippet: '{"error":"busy"}', latency_ms: expect.any(Number) });
    // Exponential: the fifth wait (30 s × 2⁴ × 0.001 ≈ 0.5 s) dwarfs the first (≈ the poll interval).
    const gaps = target.calls.slice(1, 6).map((c, i) => c.at - target.calls[i]!.at);
    expect(gaps[4]!).toBeGreaterThan(gaps[0]! * 2);

    // Stop the retries by disabling, then redeliver by hand once the receiver is healthy.
    await admin('PUT', `/webhooks/${endpoint.id}`, { enabled: true });
    healthy = true;
    const redelivered = await admin('POST', `/webhooks/${endpoint.id}/deliveries/${delivery.id}/redeliver`);
    expect(redelivered.status).toBe(200);
    await eventually(async () => expect((await admin('GET', `/webhooks/${endpoint.id}/deliveries`)).body.deliveries[0].state).toBe('delivered'), 30_000, 200);
    expect((await admin('POST', `/webhooks/${endpoint.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`)).status).toBe(404);
  });

  it('disables an endpoint after a failure streak, and at once on 410 Gone', async () => {
    const failing = await receiver(() => ({ status: 500 }));
    const streak = await subscribe(failing, ['order.created']);
    const gone = await receiver(() => ({ status: 410 }));
    const goneEndpoint = await subscribe(gone, ['order.created']);
    const reward = await createReward(stack, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'manual' } });
    for (let i = 0; i < 3; i++) await admin('POST', '/grants', { user_id: `d${i}`, reward_id: reward.id, source_type: 'admin', source_ref: `d${i}` });
    await eventually(async () => {
      expect((await admin('GET', `/webhooks/${streak.id}`)).body).toMatchObject({ enabled: false, disabled_reason: 'failed 8 times in a row' });
    }, 30_000, 200);
    const goneView = (await admin('GET', `/webhooks/${goneEndpoint.id}`)).body;
    expect(goneView).toMatchObject({ enabled: false, disabled_reason: 'the endpoint answered 410 Gone' });
    // At most the deliveries already in flight when the first 410 came; none after.
    const seen = gone.calls.length;
    expect(seen).toBeLessThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(gone.calls).toHaveLength(seen);
    const reenabled = await admin('PUT', `/webhooks/${streak.id}`, { enabled: true });
    expect(reenabled.body).toMatchObject({ enabled: true, failure_streak: 0, disabled_reason: null });
  });
});
