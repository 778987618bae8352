import { call, createReward, createTenant, credit, eventually, ReceivedCall, scrapeMetrics, StackInfo, TestReceiver, TestTenant, userToken } from '@phoenix/testing';
import { eachMode } from './stacks';

const ALL_EVENTS = ['order.created', 'order.claimed', 'order.fulfilling', 'order.completed', 'order.failed', 'order.expired', 'order.refunded'];

// Webhooks against real receivers that verify every signature (test settings: backoff scaled
// by 0.001, 6 attempts per delivery, endpoints disabled after 8 failures in a row).
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
  const deliveriesOf = async (endpointId: string) => (await admin('GET', `/webhooks/${endpointId}/deliveries`)).body.deliveries;
  const redeliver = (endpointId: string, deliveryId: string) => admin('POST', `/webhooks/${endpointId}/deliveries/${deliveryId}/redeliver`);

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
    await subscribe(target);
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

    expect(target.unsigned).toEqual([]);

    // Replayed to the receiver with the original signature headers: the body as sent passes its
    // verifier, the same body with one character changed is refused.
    const signatureHeaders = ['x-webhook-id', 'x-webhook-timestamp', 'x-webhook-signature', 'webhook-id', 'webhook-timestamp', 'webhook-signature'];
    const replay = (body: string) =>
      fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...Object.fromEntries(signatureHeaders.map((name) => [name, String(completion.headers[name])])) },
        body,
      });
    const tampered = completion.body.replace('T-9', 'T-0');
    expect(tampered).not.toBe(completion.body);
    expect((await replay(tampered)).status).toBe(401);
    expect((await replay(completion.body)).status).toBe(200);
    expect(target.unsigned.map((c) => c.body)).toEqual([tampered]);
  });

  it('Standard Webhooks (SPEC §9.5): every delivery verifies with the standardwebhooks package; webhook-id is the event id on every retry; the same delivery later, or under another secret, is refused', async () => {
    const target = await receiver((_call, index) => (index === 0 ? { status: 503 } : { status: 200 }));
    const endpoint = await subscribe(target, ['order.created']);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    const reward = await createReward(stack, tenant, { fulfillment: { type: 'manual' }, requires_claim: true });
    await admin('POST', '/grants', { user_id: 'standard', reward_id: reward.id, source_type: 'admin', source_ref: 'std-1' });
    await eventually(async () => expect(target.calls.length).toBe(2), 20_000, 100);
    const [first, second] = target.calls as [ReceivedCall, ReceivedCall];
    expect(first.standardValid && second.standardValid && first.legacyValid && second.legacyValid).toBe(true);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(first.headers['webhook-id']).toBe(delivery.event_id);
    expect(second.headers['webhook-id']).toBe(delivery.event_id);
    expect(second.headers['x-webhook-id']).toBe(delivery.event_id);
    expect(String(second.headers['webhook-signature'])).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    // What a receiver's verifier says of the same call ten minutes later: too old, a replay.
    const later = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 10 * 60_000);
    try {
      expect(TestReceiver.verifiesStandard(endpoint.secret, second.body, second.headers)).toBe(false);
    } finally {
      later.mockRestore();
    }
    expect(TestReceiver.verifiesStandard(endpoint.secret, second.body, second.headers)).toBe(true);
    expect(TestReceiver.verifiesStandard(endpoint.secret, second.body.replace('standard', 'standarD'), second.headers)).toBe(false);
    const other = await subscribe(await receiver(() => ({ status: 200 })), ['order.failed']);
    expect(TestReceiver.verifiesStandard(other.secret, second.body, second.headers)).toBe(false);
  });

  it('rotates an endpoint secret: during the grace period both secrets sign and either verifies; with no grace the old one stops at once; a new secret is shown once', async () => {
    const target = await receiver(() => ({ status: 200 }));
    const endpoint = await subscribe(target, ['order.created']);
    const reward = await createReward(stack, tenant, { fulfillment: { type: 'manual' }, requires_claim: true });
    const grant = (ref: string) => admin('POST', '/grants', { user_id: 'rotating', reward_id: reward.id, source_type: 'admin', source_ref: ref });

    const rotated = await admin('POST', `/webhooks/${endpoint.id}/rotate-secret`, { grace_seconds: 3600 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.body.previous_secret_expires_at) - Date.now()).toBeGreaterThan(3500_000);
    expect((await admin('GET', `/webhooks/${endpoint.id}`)).body).toMatchObject({ previous_secret_expires_at: rotated.body.previous_secret_expires_at });
    expect((await admin('GET', `/webhooks/${endpoint.id}`)).body.secret).toBeUndefined();
    target.useSecret(rotated.body.secret);
    await grant('during-grace');
    await eventually(async () => expect(target.calls.length).toBe(1), 20_000, 100);
    const during = target.calls[0]!;
    expect(during.signatureValid).toBe(true);
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(TestReceiver.verifiesStandard(endpoint.secret, during.body, during.headers)).toBe(true);
    expect(TestReceiver.verifiesStandard(rotated.body.secret, during.body, during.headers)).toBe(true);

    const again = await admin('POST', `/webhooks/${endpoint.id}/rotate-secret`, { grace_seconds: 0 });
    expect(again.body.previous_secret_expires_at).toBeNull();
    target.useSecret(again.body.secret);
    await grant('no-grace');
    await eventually(async () => expect(target.calls.length).toBe(2), 20_000, 100);
    const after = target.calls[1]!;
    expect(after.signatureValid).toBe(true);
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(TestReceiver.verifiesStandard(rotated.body.secret, after.body, after.headers)).toBe(false);
    expect(TestReceiver.verifiesStandard(endpoint.secret, after.body, after.headers)).toBe(false);

    // Bad input is 400; an unknown endpoint 404; no body means the default grace.
    expect((await admin('POST', `/webhooks/${endpoint.id}/rotate-secret`, { grace_seconds: -1 })).status).toBe(400);
    expect((await admin('POST', `/webhooks/${endpoint.id}/rotate-secret`, { grace_seconds: 8 * 24 * 3600 })).status).toBe(400);
    expect((await admin('POST', `/webhooks/${endpoint.id}/rotate-secret`, { grace: 1 })).status).toBe(400);
    expect((await admin('POST', '/webhooks/00000000-0000-4000-8000-000000000000/rotate-secret', {})).status).toBe(404);
    const defaulted = await admin('POST', `/webhooks/${endpoint.id}/rotate-secret`);
    expect(defaulted.status).toBe(200);
    expect(Date.parse(defaulted.body.previous_secret_expires_at) - Date.now()).toBeGreaterThan(23 * 3600_000);
  });

  it('never follows a redirect: a 3xx is a failed attempt, and the place it points to gets nothing', async () => {
    const elsewhere = await receiver(() => ({ status: 200 }));
    const redirecting = await TestReceiver.start('pending', () => ({ status: 307, headers: { location: elsewhere.url } }));
    receivers.push(redirecting);
    const endpoint = await subscribe(redirecting, ['order.created']);
    elsewhere.useSecret(endpoint.secret);
    const reward = await createReward(stack, tenant, { fulfillment: { type: 'manual' }, requires_claim: true });
    await admin('POST', '/grants', { user_id: 'redirected', reward_id: reward.id, source_type: 'admin', source_ref: 'r-1' });
    await eventually(async () => {
      const [delivery] = await deliveriesOf(endpoint.id);
      expect(delivery?.attempts.length).toBeGreaterThanOrEqual(2);
      expect(delivery.attempts.every((a: { status_code: number }) => a.status_code === 307)).toBe(true);
    }, 20_000, 100);
    expect(redirecting.calls.length).toBeGreaterThanOrEqual(2);
    expect(elsewhere.calls).toEqual([]);
  });

  it('logs every attempt, retries with backoff until it fails, and redelivers a failed or delivered one as a new series', async () => {
    let healthyFrom = Infinity; // the receiver answers 204 from this call on
    const target = await receiver((_call, index) => (index >= healthyFrom ? { status: 204 } : { status: 500, body: { error: 'busy' } }));
    const endpoint = await subscribe(target, ['order.created']);
    const deliveries = () => deliveriesOf(endpoint.id);
    const metricsBefore = await scrapeMetrics(stack.opsUrls['order-fulfillment']);
    const reward = await createReward(stack, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'manual' } });
    await admin('POST', '/grants', { user_id: 'logged', reward_id: reward.id, source_type: 'admin', source_ref: 'log' });

    const failed = await eventually(async () => {
      const [current] = await deliveries();
      expect(current.state).toBe('failed');
      return current;
    }, 60_000, 200);
    expect(failed).toMatchObject({ event_type: 'order.created', endpoint_id: endpoint.id, next_attempt_at: null });
    expect(failed.attempts.map((a: { attempt: number }) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]); // WEBHOOK_MAX_ATTEMPTS
    expect(failed.attempts[0]).toMatchObject({ attempt: 1, status_code: 500, error: null, response_snippet: '{"error":"busy"}', latency_ms: expect.any(Number) });
    expect(target.calls).toHaveLength(6);
    // Exponential: the fifth wait (30 s × 2⁴ × 0.001 ≈ 0.5 s) dwarfs the first (≈ the poll interval).
    const gaps = target.calls.slice(1).map((c, i) => c.at - target.calls[i]!.at);
    expect(gaps[4]!).toBeGreaterThan(gaps[0]! * 2);

    // Redelivered, it gets a whole new series: it survives one more failure, then arrives (one
    // more would make eight in a row and disable the endpoint).
    healthyFrom = target.calls.length + 1;
    const restarted = await redeliver(endpoint.id, failed.id);
    expect(restarted.status).toBe(200);
    expect(restarted.body).toMatchObject({ id: failed.id, state: 'pending', attempts: failed.attempts });
    const delivered = await eventually(async () => {
      const [current] = await deliveries();
      expect(current.state).toBe('delivered');
      return current;
    }, 60_000, 200);
    expect(delivered.attempts.map((a: { attempt: number; status_code: number }) => [a.attempt, a.status_code])).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => [n, 500]),
      [8, 204],
    ]);

    // A delivered one is sent again on demand, with the same event id for the receiver to dedupe.
    expect((await redeliver(endpoint.id, delivered.id)).status).toBe(200);
    await eventually(async () => expect(target.calls).toHaveLength(9), 30_000, 100);
    expect(new Set(target.calls.map((c) => c.headers['x-webhook-id']))).toEqual(new Set([failed.event_id]));
    await eventually(async () => expect((await deliveries())[0]).toMatchObject({ state: 'delivered', attempts: expect.arrayContaining([expect.objectContaining({ attempt: 9, status_code: 204 })]) }), 30_000, 200);
    expect(target.unsigned).toEqual([]);
    expect((await redeliver(endpoint.id, '00000000-0000-4000-8000-000000000000')).status).toBe(404);

    // Outcomes and latency of those attempts on /metrics (other tests may add to them: at least).
    const metrics = await scrapeMetrics(stack.opsUrls['order-fulfillment']);
    const grown = (name: string, outcome: string) => metrics(name, { outcome }) - metricsBefore(name, { outcome });
    expect(grown('webhook_attempts_total', 'retry')).toBeGreaterThanOrEqual(6);
    expect(grown('webhook_attempts_total', 'failed')).toBeGreaterThanOrEqual(1);
    expect(grown('webhook_attempts_total', 'delivered')).toBeGreaterThanOrEqual(2);
    expect(grown('webhook_attempt_duration_seconds_count', 'retry')).toBeGreaterThanOrEqual(6);
    expect(grown('webhook_attempt_duration_seconds_count', 'failed')).toBeGreaterThanOrEqual(1);
    expect(metrics('webhook_attempt_duration_seconds_bucket', { outcome: 'retry', le: '+Inf' })).toBe(metrics('webhook_attempt_duration_seconds_count', { outcome: 'retry' }));
  });

  it('refuses to redeliver (409) a delivery still pending, or one of a disabled webhook', async () => {
    const stalling = await receiver(() => 'hang'); // every attempt times out: pending for seconds
    const endpoint = await subscribe(stalling, ['order.created']);
    const deliveries = () => deliveriesOf(endpoint.id);
    const reward = await createReward(stack, tenant, { fields: [], purchase: null, stock: null, fulfillment: { type: 'manual' } });
    await admin('POST', '/grants', { user_id: 'stalled', reward_id: reward.id, source_type: 'admin', source_ref: 'stall' });
    await eventually(async () => expect(stalling.calls.length).toBeGreaterThanOrEqual(1), 30_000, 100);
    const [pending] = await deliveries();
    const early = await redeliver(endpoint.id, pending.id);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/still pending/);

    // Disabled, its pending delivery fails unsent (and the log says so); redelivery waits for enabling.
    await admin('PUT', `/webhooks/${endpoint.id}`, { enabled: false });
    const failed = await eventually(async () => {
      const [current] = await deliveries();
      expect(current.state).toBe('failed');
      return current;
    }, 30_000, 200);
    expect(failed.attempts.at(-1)).toMatchObject({ status_code: null, error: 'not sent: the webhook is disabled' });
    const disabled = await redeliver(endpoint.id, pending.id);
    expect(disabled.status).toBe(409);
    expect(disabled.body.message).toMatch(/disabled/);
    await admin('PUT', `/webhooks/${endpoint.id}`, { enabled: true });
    expect((await redeliver(endpoint.id, pending.id)).status).toBe(200);
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
