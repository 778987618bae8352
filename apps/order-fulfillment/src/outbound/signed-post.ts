import { createHmac } from 'node:crypto';
import type { VettedUrl } from './outbound-url';
import { pinnedPost } from './pinned-request';

export interface PostOutcome {
  /** HTTP status, or null when no response came (timeout, connection error). */
  status: number | null;
  text: string;
  latencyMs: number;
  error: string | null;
}

/**
 * POSTs a JSON body signed like every outgoing call of the platform: `X-Webhook-Signature`
 * is the hex HMAC-SHA256 of the raw body with the secret, `X-Webhook-Timestamp` the unix
 * time, `X-Webhook-Id` an id the receiver can dedupe on. Redirects are not followed. The URL
 * must come from `assertOutboundUrl`: the call connects to the address it vetted.
 */
export async function signedPost(
  url: VettedUrl,
  secret: string,
  id: string,
  body: unknown,
  timeoutMs: number,
  extraHeaders: Record<string, string> = {},
): Promise<PostOutcome> {
  const raw = JSON.stringify(body);
  const started = performance.now();
  try {
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'phoenix-rewards/1',
      'x-webhook-id': id,
      'x-webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-webhook-signature': createHmac('sha256', secret).update(raw).digest('hex'),
      ...extraHeaders,
    };
    const response = await pinnedPost(url, headers, raw, AbortSignal.timeout(timeoutMs));
    return { status: response.status, text: response.text, latencyMs: Math.round(performance.now() - started), error: null };
  } catch (error) {
    const name = (error as Error).name;
    const message = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : `request failed: ${(error as Error).message}`;
    return { status: null, text: '', latencyMs: Math.round(performance.now() - started), error: message };
  }
}
