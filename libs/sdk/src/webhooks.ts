import { equalBytes, fromBase64, fromHex, hmacSha256, nowSeconds } from './crypto.js';
import type { AdminSchemas } from './schemas.js';

/**
 * The two ways the platform signs what it sends (SPEC §9.5), webhooks and calls to a tenant's
 * fulfillment_url alike:
 * - `standard`: Standard Webhooks, `webhook-id`, `webhook-timestamp` and `webhook-signature`
 *   (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the bytes of the `whsec_` secret).
 *   The timestamp is signed, so a replayed call is refused once it is outside the tolerance.
 * - `legacy`: the seed's `X-Webhook-Signature`, the hex HMAC-SHA256 of the raw body keyed with the
 *   secret string as shown. It does not cover `X-Webhook-Timestamp` (checked all the same), so a
 *   receiver on this scheme should also drop ids it has already handled.
 */
export type WebhookScheme = 'standard' | 'legacy';

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` (or `X-Webhook-Timestamp`) may be from now, either way. Default 300 s. */
  toleranceSeconds?: number;
  /**
   * The schemes accepted, preferred first (default both, standard first): the call is checked
   * under the first of them whose signature header it carries, and only that one, so stripping
   * the standard headers cannot steer a check to a weaker scheme that was not asked for.
   */
  schemes?: readonly WebhookScheme[];
}

export interface VerifiedWebhook<T> {
  scheme: WebhookScheme;
  /** The event id (or the order id of a fulfillment call), the same on every retry: dedupe on it. */
  id: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  payload: T;
}

export type WebhookVerificationFailure = 'MISSING_HEADERS' | 'TIMESTAMP_OUT_OF_TOLERANCE' | 'BAD_SIGNATURE' | 'BAD_PAYLOAD';

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  readonly code: WebhookVerificationFailure;
  constructor(code: WebhookVerificationFailure, message: string) {
    super(message);
    this.code = code;
  }
}

export type WebhookPayload = AdminSchemas['WebhookPayload'];

const HEADERS = {
  standard: { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' },
  legacy: { id: 'x-webhook-id', timestamp: 'x-webhook-timestamp', signature: 'x-webhook-signature' },
} as const;

/**
 * Checks a call the platform made to you and returns its parsed body, or throws
 * `WebhookVerificationError`. Give it the raw body exactly as received (not re-serialised JSON) and
 * the endpoint's secret; during your own rotation, both secrets (`[next, previous]`). For a
 * fulfillment call the secret is the tenant's `webhook_secret`. `T` is the body's type:
 * `WebhookPayload` for webhooks, `AdminSchemas['FulfillmentCall']` for fulfillment calls.
 */
export async function verifyWebhook<T = WebhookPayload>(
  secret: string | readonly string[],
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  options: VerifyWebhookOptions = {},
): Promise<VerifiedWebhook<T>> {
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0 || secrets.some((s) => !s)) throw new TypeError('verifyWebhook: a secret is empty');
  const tolerance = options.toleranceSeconds ?? 300;
  const schemes = options.schemes ?? ['standard', 'legacy'];
  const read = (name: string) => headerValue(headers, name);
  const scheme = schemes.find((candidate) => read(HEADERS[candidate].signature) !== undefined);
  if (!scheme) {
    throw new WebhookVerificationError('MISSING_HEADERS', `No signature header of the accepted schemes (${schemes.map((s) => HEADERS[s].signature).join(', ')})`);
  }
  const names = HEADERS[scheme];
  const id = read(names.id);
  const timestampText = read(names.timestamp);
  const signature = read(names.signature) ?? '';
  if (!id || !timestampText) throw new WebhookVerificationError('MISSING_HEADERS', `${names.signature} needs ${names.id} and ${names.timestamp}`);
  if (!/^\d{1,12}$/.test(timestampText)) throw new WebhookVerificationError('MISSING_HEADERS', `${names.timestamp} must be unix seconds`);
  const timestamp = Number(timestampText);
  if (Math.abs(nowSeconds() - timestamp) > tolerance) {
    throw new WebhookVerificationError('TIMESTAMP_OUT_OF_TOLERANCE', `${names.timestamp} is more than ${tolerance} s from now`);
  }
  const body = typeof rawBody === 'string' ? new TextEncoder().encode(rawBody) : rawBody;
  const valid = scheme === 'standard' ? await standardValid(secrets, id, timestampText, body, signature) : await legacyValid(secrets, body, signature);
  if (!valid) throw new WebhookVerificationError('BAD_SIGNATURE', `${names.signature} does not match the body under the secret`);
  let payload: T;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as T;
  } catch {
    throw new WebhookVerificationError('BAD_PAYLOAD', 'The signed body is not JSON');
  }
  return { scheme, id, timestamp, payload };
}

async function standardValid(secrets: string[], id: string, timestamp: string, body: Uint8Array, header: string): Promise<boolean> {
  const given = header
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => fromBase64(part.slice(3)))
    .filter((bytes): bytes is Uint8Array => bytes !== undefined);
  for (const secret of secrets) {
    const key = fromBase64(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret);
    if (!key || key.length === 0) throw new TypeError('verifyWebhook: a secret must be whsec_ followed by base64');
    const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
    const signed = new Uint8Array(prefix.length + body.length);
    signed.set(prefix);
    signed.set(body, prefix.length);
    const expected = await hmacSha256(key, signed);
    if (given.some((signature) => equalBytes(signature, expected))) return true;
  }
  return false;
}

async function legacyValid(secrets: string[], body: Uint8Array, header: string): Promise<boolean> {
  const given = fromHex(header.trim());
  if (!given) return false;
  for (const secret of secrets) {
    if (equalBytes(given, await hmacSha256(secret, body))) return true;
  }
  return false;
}

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

