import { createHmac, randomBytes } from 'node:crypto';

/**
 * How every outgoing call of the platform is signed (SPEC §9.5): webhook deliveries and calls to
 * a tenant's fulfillment_url. Two schemes side by side:
 *
 * - Standard Webhooks (https://www.standardwebhooks.com): `webhook-id` (stable across retries),
 *   `webhook-timestamp` (unix seconds of this attempt) and `webhook-signature`, a space-separated
 *   list of `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per valid secret: during a
 *   rotation's grace period both the new and the old secret sign. The HMAC key is the secret's
 *   bytes, the base64 after `whsec_`, so the standard libraries verify our calls as they are.
 * - The seed's scheme, kept for its clients: `X-Webhook-Signature`, the hex HMAC-SHA256 of the
 *   raw body keyed with the current secret's string as shown to the tenant, with
 *   `X-Webhook-Id` and `X-Webhook-Timestamp`.
 *
 * Hand-written rather than taken from the `standardwebhooks` package: signing is one HMAC, and
 * that package is what the tests verify our calls with, as a tenant would.
 */

const PREFIX = 'whsec_';

/** A new endpoint or tenant webhook secret: `whsec_` and the standard base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * The HMAC key of a secret: the bytes its base64 stands for. Secrets made before the standard
 * form were base64url; Node's decoder reads both alphabets, so they keep signing the same way.
 */
export function webhookSigningKey(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Error('a webhook secret must hold base64 bytes after whsec_');
  return key;
}

/** One `v1,<base64>` signature of Standard Webhooks. */
export function standardSignature(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', webhookSigningKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export interface SignedCall {
  /** The event id (or the call's own stable id): the same on every retry. */
  id: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  /** The raw body, exactly as sent. */
  body: string;
  /** The current secret first, then any that are still in their grace period. */
  secrets: readonly string[];
}

/** The headers of a signed call, both schemes. */
export function webhookSignatureHeaders({ id, timestamp, body, secrets }: SignedCall): Record<string, string> {
  const [current] = secrets;
  if (!current) throw new Error('a signed call needs a secret');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => standardSignature(secret, id, timestamp, body)).join(' '),
    'x-webhook-id': id,
    'x-webhook-timestamp': String(timestamp),
    'x-webhook-signature': createHmac('sha256', current).update(body).digest('hex'),
  };
}
