import { createHmac, randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { generateWebhookSecret, standardSignature, webhookSignatureHeaders, webhookSigningKey } from './webhook-signatures';

// Verified with the reference implementation (the `standardwebhooks` package), as a tenant would.
describe('webhook signatures (SPEC §9.5)', () => {
  const body = JSON.stringify({ event_type: 'order.completed', data: { order_id: 'o-1', note: 'ünïcode ✓' } });
  const id = 'b8f0d5e2-7c1a-4d36-9a57-3f1c2e4b6a90';
  const now = () => Math.floor(Date.now() / 1000);

  it('new secrets have the standard form: whsec_ and the base64 of 32 bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSigningKey(secret)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('a delivery verifies with the standard library, and the legacy header is the hex HMAC of the body under the secret string', () => {
    const secret = generateWebhookSecret();
    const timestamp = now();
    const headers = webhookSignatureHeaders({ id, timestamp, body, secrets: [secret] });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(headers['webhook-id']).toBe(id);
    expect(headers['webhook-timestamp']).toBe(String(timestamp));
    expect(headers['x-webhook-signature']).toBe(createHmac('sha256', secret).update(body).digest('hex'));
    expect(headers['x-webhook-id']).toBe(id);
  });

  it('refuses a tampered body, another id, an old or a future timestamp, and another secret', () => {
    const secret = generateWebhookSecret();
    const headers = webhookSignatureHeaders({ id, timestamp: now(), body, secrets: [secret] });
    const webhook = new Webhook(secret);
    expect(() => webhook.verify(body.replace('o-1', 'o-2'), headers)).toThrow(WebhookVerificationError);
    expect(() => webhook.verify(body, { ...headers, 'webhook-id': 'another' })).toThrow(WebhookVerificationError);
    const old = now() - 10 * 60;
    expect(() => webhook.verify(body, webhookSignatureHeaders({ id, timestamp: old, body, secrets: [secret] }))).toThrow(/too old/i);
    const future = now() + 10 * 60;
    expect(() => webhook.verify(body, webhookSignatureHeaders({ id, timestamp: future, body, secrets: [secret] }))).toThrow(/too new/i);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it('during a rotation both secrets sign (new first), so either verifies; once the old one is dropped it no longer does', () => {
    const [next, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const timestamp = now();
    const both = webhookSignatureHeaders({ id, timestamp, body, secrets: [next, previous] });
    expect(both['webhook-signature'].split(' ')).toEqual([standardSignature(next, id, timestamp, body), standardSignature(previous, id, timestamp, body)]);
    expect(() => new Webhook(next).verify(body, both)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, both)).not.toThrow();
    // The legacy header carries the current secret only.
    expect(both['x-webhook-signature']).toBe(createHmac('sha256', next).update(body).digest('hex'));
    const after = webhookSignatureHeaders({ id, timestamp, body, secrets: [next] });
    expect(() => new Webhook(previous).verify(body, after)).toThrow(WebhookVerificationError);
  });

  it('a secret made before the standard form (base64url) signs with the same bytes', () => {
    const bytes = randomBytes(32);
    const legacy = `whsec_${bytes.toString('base64url')}`;
    expect(webhookSigningKey(legacy).equals(bytes)).toBe(true);
    const standard = `whsec_${bytes.toString('base64')}`;
    const headers = webhookSignatureHeaders({ id, timestamp: now(), body, secrets: [legacy] });
    expect(() => new Webhook(standard).verify(body, headers)).not.toThrow();
  });

  it('refuses to sign without a secret or with one that holds no bytes', () => {
    expect(() => webhookSignatureHeaders({ id, timestamp: now(), body, secrets: [] })).toThrow(/needs a secret/);
    expect(() => webhookSigningKey('whsec_')).toThrow(/base64 bytes/);
  });
});
