import type { VettedUrl } from './outbound-url';
import { signedPost } from './signed-post';

export interface ApiCallResult {
  ok: boolean;
  externalId?: string;
  /** Why the call did not deliver, for the log and the order's failure reason. */
  error?: string;
}

/**
 * POSTs an order to a tenant's fulfillment API, signed like a webhook and with the order id
 * as idempotency key, so the tenant can dedupe a call repeated after a crash. Success is a
 * 2xx whose JSON body has a string `external_id`; anything else is a failed attempt.
 */
export async function callFulfillmentApi(url: VettedUrl, secret: string, orderId: string, body: Record<string, unknown>, timeoutMs: number): Promise<ApiCallResult> {
  const outcome = await signedPost(url, [secret], orderId, body, timeoutMs, { 'idempotency-key': orderId });
  if (outcome.status === null) return { ok: false, error: outcome.error ?? 'no response' };
  if (outcome.status < 200 || outcome.status >= 300) return { ok: false, error: `HTTP ${outcome.status}: ${outcome.text.slice(0, 200)}` };
  try {
    const parsed = JSON.parse(outcome.text) as { external_id?: unknown };
    if (typeof parsed.external_id === 'string' && parsed.external_id.length > 0 && parsed.external_id.length <= 255) {
      return { ok: true, externalId: parsed.external_id };
    }
  } catch {
    // falls through: not JSON
  }
  return { ok: false, error: `HTTP ${outcome.status} without an external_id: ${outcome.text.slice(0, 200)}` };
}
