import { createHmac } from 'node:crypto';

export interface ApiCallResult {
  ok: boolean;
  externalId?: string;
  /** Why the call did not deliver, for the log and the order's failure reason. */
  error?: string;
}

/**
 * POSTs an order to a tenant's fulfillment API, signed like a webhook (hex HMAC-SHA256 of
 * the raw body with the tenant's webhook secret) and with the order id as idempotency key,
 * so the tenant can dedupe a call repeated after a crash. Success is a 2xx whose JSON body
 * has a string `external_id`; anything else (status, timeout, body) is a failed attempt.
 */
export async function callFulfillmentApi(
  url: URL,
  secret: string,
  orderId: string,
  body: Record<string, unknown>,
  timeoutMs: number,
): Promise<ApiCallResult> {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'idempotency-key': orderId,
        'x-webhook-id': orderId,
        'x-webhook-timestamp': timestamp,
        'x-webhook-signature': createHmac('sha256', secret).update(raw).digest('hex'),
        'user-agent': 'phoenix-rewards-fulfillment/1',
      },
      body: raw,
    });
  } catch (error) {
    const name = (error as Error).name;
    return { ok: false, error: name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : `request failed: ${(error as Error).message}` };
  }
  const text = await response.text().catch(() => '');
  if (response.status < 200 || response.status >= 300) return { ok: false, error: `HTTP ${response.status}: ${text.slice(0, 200)}` };
  try {
    const parsed = JSON.parse(text) as { external_id?: unknown };
    if (typeof parsed.external_id === 'string' && parsed.external_id.length > 0 && parsed.external_id.length <= 255) {
      return { ok: true, externalId: parsed.external_id };
    }
  } catch {
    // falls through: not JSON
  }
  return { ok: false, error: `HTTP ${response.status} without an external_id: ${text.slice(0, 200)}` };
}
