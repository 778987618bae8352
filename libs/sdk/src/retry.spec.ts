import { withRetries } from './retry';

type Step = number | 'network';

/** A fetch that answers the scripted statuses in turn and records every request it got, body read. */
function scripted(...steps: Step[]) {
  const seen: Array<{ method: string; body: string }> = [];
  const fetch = async (request: Request) => {
    seen.push({ method: request.method, body: await request.text() });
    const step = steps[Math.min(seen.length - 1, steps.length - 1)]!;
    if (step === 'network') throw new TypeError('fetch failed');
    return new Response(JSON.stringify({ status: step }), { status: step, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, seen };
}

const purchase = () =>
  new Request('http://gateway.test/v1/rewards/purchase/airtime', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: 'u1', idempotency_key: 'purchase-u1-1', currency: 'gold', fields: {} }),
  });
const noWait = { sleep: async () => undefined };

describe('withRetries', () => {
  it.each([502, 503, 504])('resends a purchase after %i with the same body, so the same idempotency key', async (status) => {
    const { fetch, seen } = scripted(status, 201);
    const response = await withRetries(fetch, noWait)(purchase());
    expect(response.status).toBe(201);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toEqual(seen[0]);
    expect(JSON.parse(seen[1]!.body).idempotency_key).toBe('purchase-u1-1');
  });

  it('resends after a network error, and gives up after the attempts allowed, answering the last response', async () => {
    const network = scripted('network', 200);
    expect((await withRetries(network.fetch, noWait)(purchase())).status).toBe(200);
    const down = scripted(503);
    const response = await withRetries(down.fetch, { ...noWait, attempts: 4 })(purchase());
    expect(response.status).toBe(503);
    expect(down.seen).toHaveLength(4);
    const unreachable = scripted('network');
    await expect(withRetries(unreachable.fetch, noWait)(purchase())).rejects.toThrow('fetch failed');
    expect(unreachable.seen).toHaveLength(3);
  });

  it('does not resend other answers (4xx, 500) or a POST without an idempotency key', async () => {
    for (const status of [400, 402, 409, 429, 500]) {
      const { fetch, seen } = scripted(status, 201);
      expect((await withRetries(fetch, noWait)(purchase())).status).toBe(status);
      expect(seen).toHaveLength(1);
    }
    const claim = scripted(503, 200);
    const request = new Request('http://gateway.test/v1/rewards/orders/o1/claim', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user_id":"u1","fields":{}}' });
    expect((await withRetries(claim.fetch, noWait)(request)).status).toBe(503);
    expect(claim.seen).toHaveLength(1);
  });

  it('resends reads and other idempotent methods, and a POST with an Idempotency-Key header', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const { fetch, seen } = scripted(502, 200);
      expect((await withRetries(fetch, noWait)(new Request('http://gateway.test/v1/x', { method }))).status).toBe(200);
      expect(seen.map((s) => s.method)).toEqual([method, method]);
    }
    const keyed = scripted(504, 200);
    const request = new Request('http://gateway.test/v1/x', { method: 'POST', headers: { 'idempotency-key': 'k' }, body: 'raw' });
    expect((await withRetries(keyed.fetch, noWait)(request)).status).toBe(200);
    expect(keyed.seen.map((s) => s.body)).toEqual(['raw', 'raw']);
  });

  it('backs off exponentially with jitter, capped, honours Retry-After, and reports each resend', async () => {
    const waits: number[] = [];
    const reports: string[] = [];
    const { fetch } = scripted(503);
    await withRetries(fetch, {
      attempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 300,
      sleep: async (ms) => void waits.push(ms),
      onRetry: ({ attempt, reason }) => void reports.push(`${attempt}: ${reason}`),
    })(purchase());
    expect(waits).toHaveLength(4);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
    expect(waits[1]).toBeLessThanOrEqual(200);
    expect(waits.slice(2).every((ms) => ms >= 150 && ms <= 300)).toBe(true);
    expect(reports).toEqual(['2: HTTP 503', '3: HTTP 503', '4: HTTP 503', '5: HTTP 503']);

    const delays: number[] = [];
    const busy = async () => new Response(null, { status: 503, headers: { 'retry-after': '2' } });
    await withRetries(busy, { attempts: 2, maxDelayMs: 10_000, sleep: async (ms) => void delays.push(ms) })(purchase());
    expect(delays).toEqual([2000]);
  });

  it('waits for real by default', async () => {
    const { fetch } = scripted(503, 200);
    const started = Date.now();
    await withRetries(fetch, { baseDelayMs: 40 })(purchase());
    expect(Date.now() - started).toBeGreaterThanOrEqual(19);
  });
});
