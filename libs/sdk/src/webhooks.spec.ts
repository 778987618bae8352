import { generateWebhookSecret, webhookSignatureHeaders } from '@phoenix/auth';
import { Webhook } from 'standardwebhooks';
import { verifyWebhook, WebhookVerificationError, WebhookVerificationFailure } from './webhooks';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const body = JSON.stringify({
  event_type: 'order.completed',
  tenant_id: 'acme',
  timestamp: '2026-01-28T10:31:00Z',
  data: { order_id: 'f47ac10b', user_id: 'user_123', reward_id: '550e8400', reward_slug: 'airtime-topup', fulfillment_type: 'api', fulfillment_data: { external_id: 'TXN123456' } },
});

/** What the fulfillment app sends, signed by libs/auth's signer. */
function platformCall(secrets: string[], timestamp = nowSeconds(), id = 'evt_1') {
  return webhookSignatureHeaders({ id, timestamp, body, secrets });
}

async function failure(promise: Promise<unknown>): Promise<WebhookVerificationFailure | 'passed'> {
  try {
    await promise;
    return 'passed';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code;
    throw error;
  }
}

const only = (headers: Record<string, string>, prefix: 'webhook-' | 'x-webhook-') =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith(prefix)));

describe('verifyWebhook', () => {
  const secret = generateWebhookSecret();

  it("verifies libs/auth's signatures under each scheme and returns the parsed body, id and timestamp", async () => {
    const headers = platformCall([secret]);
    const standard = await verifyWebhook(secret, body, headers, { schemes: ['standard'] });
    expect(standard).toEqual({ scheme: 'standard', id: 'evt_1', timestamp: Number(headers['webhook-timestamp']), payload: JSON.parse(body) });
    expect((await verifyWebhook(secret, body, headers, { schemes: ['legacy'] })).scheme).toBe('legacy');
    // By default the standard headers are preferred; a call with only the seed's headers is checked by those.
    expect((await verifyWebhook(secret, body, headers)).scheme).toBe('standard');
    expect((await verifyWebhook(secret, body, only(headers, 'x-webhook-'))).scheme).toBe('legacy');
    // Headers as fetch gives them, and the raw body as bytes.
    expect((await verifyWebhook(secret, new TextEncoder().encode(body), new Headers(headers))).id).toBe('evt_1');
  });

  it('verifies what the standardwebhooks package signs', async () => {
    const at = new Date();
    const signature = new Webhook(secret).sign('msg_2', at, body);
    const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
    expect((await verifyWebhook(secret, body, headers)).payload).toEqual(JSON.parse(body));
    expect(await failure(verifyWebhook(secret, body.replace('TXN123456', 'TXN123457'), headers))).toBe('BAD_SIGNATURE');
  });

  it('refuses a tampered body under both schemes', async () => {
    const headers = platformCall([secret]);
    const tampered = body.replace('user_123', 'user_124');
    expect(await failure(verifyWebhook(secret, tampered, headers, { schemes: ['standard'] }))).toBe('BAD_SIGNATURE');
    expect(await failure(verifyWebhook(secret, tampered, headers, { schemes: ['legacy'] }))).toBe('BAD_SIGNATURE');
  });

  it('refuses a changed timestamp (signed by the standard scheme) and any timestamp outside the tolerance', async () => {
    const headers = platformCall([secret]);
    const moved = { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 1) };
    expect(await failure(verifyWebhook(secret, body, moved, { schemes: ['standard'] }))).toBe('BAD_SIGNATURE');
    const old = platformCall([secret], nowSeconds() - 301);
    expect(await failure(verifyWebhook(secret, body, old, { schemes: ['standard'] }))).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
    expect(await failure(verifyWebhook(secret, body, old, { schemes: ['legacy'] }))).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
    const ahead = platformCall([secret], nowSeconds() + 301);
    expect(await failure(verifyWebhook(secret, body, ahead))).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
    expect((await verifyWebhook(secret, body, old, { toleranceSeconds: 600 })).scheme).toBe('standard');
    expect(await failure(verifyWebhook(secret, body, { ...headers, 'webhook-timestamp': 'yesterday' }))).toBe('MISSING_HEADERS');
  });

  it('refuses another secret, under both schemes', async () => {
    const headers = platformCall([secret]);
    const other = generateWebhookSecret();
    expect(await failure(verifyWebhook(other, body, headers, { schemes: ['standard'] }))).toBe('BAD_SIGNATURE');
    expect(await failure(verifyWebhook(other, body, headers, { schemes: ['legacy'] }))).toBe('BAD_SIGNATURE');
  });

  it('follows a rotation: during the grace period either secret verifies the standard scheme; a rotated-out secret does not', async () => {
    const next = generateWebhookSecret();
    const grace = platformCall([next, secret]);
    expect(grace['webhook-signature'].split(' ')).toHaveLength(2);
    expect((await verifyWebhook(secret, body, grace, { schemes: ['standard'] })).id).toBe('evt_1');
    expect((await verifyWebhook(next, body, grace, { schemes: ['standard'] })).id).toBe('evt_1');
    // The seed's header is signed with the current secret only.
    expect((await verifyWebhook(next, body, grace, { schemes: ['legacy'] })).id).toBe('evt_1');
    expect(await failure(verifyWebhook(secret, body, grace, { schemes: ['legacy'] }))).toBe('BAD_SIGNATURE');
    const after = platformCall([next]);
    expect(await failure(verifyWebhook(secret, body, after, { schemes: ['standard'] }))).toBe('BAD_SIGNATURE');
    // A receiver holding both secrets while it switches over accepts either.
    expect((await verifyWebhook([next, secret], body, after)).id).toBe('evt_1');
  });

  it('checks only the first accepted scheme present: without its headers nothing falls back to a scheme not asked for', async () => {
    const headers = platformCall([secret]);
    expect(await failure(verifyWebhook(secret, body, only(headers, 'x-webhook-'), { schemes: ['standard'] }))).toBe('MISSING_HEADERS');
    expect(await failure(verifyWebhook(secret, body, { ...headers, 'webhook-signature': 'v1,AAAA' }))).toBe('BAD_SIGNATURE');
    expect(await failure(verifyWebhook(secret, body, {}))).toBe('MISSING_HEADERS');
  });

  it('refuses a signed body that is not JSON, and a secret that is no whsec_ base64', async () => {
    const headers = webhookSignatureHeaders({ id: 'evt_3', timestamp: nowSeconds(), body: 'not json', secrets: [secret] });
    expect(await failure(verifyWebhook(secret, 'not json', headers))).toBe('BAD_PAYLOAD');
    await expect(verifyWebhook('whsec_***', body, platformCall([secret]))).rejects.toThrow(TypeError);
    await expect(verifyWebhook([], body, platformCall([secret]))).rejects.toThrow(TypeError);
  });
});
