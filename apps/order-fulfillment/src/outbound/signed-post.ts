import { webhookSignatureHeaders } from '@phoenix/auth';
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
 * POSTs a JSON body signed like every outgoing call of the platform (SPEC §9.5,
 * libs/auth/src/webhook-signatures.ts): the Standard Webhooks headers, one signature per secret
 * in `secrets` (the current one first, then one still in its rotation's grace period), and the
 * seed's `X-Webhook-Signature` with the current one. `id` is what the receiver dedupes on: the
 * same on every retry. Redirects are not followed. The URL must come from `assertOutboundUrl`:
 * the call connects to the address it vetted.
 */
export async function signedPost(
  url: VettedUrl,
  secrets: readonly string[],
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
      ...webhookSignatureHeaders({ id, timestamp: Math.floor(Date.now() / 1000), body: raw, secrets }),
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
