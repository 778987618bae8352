/** A fetch as openapi-fetch calls it: one `Request` in, its `Response` out. */
export type RequestFetch = (request: Request) => Promise<Response>;

export interface RetryOptions {
  /** Attempts in all, the first one included (default 3; 1 turns resending off). */
  attempts?: number;
  /** The wait before the first resend (default 200 ms); it doubles each time, with jitter. */
  baseDelayMs?: number;
  /** No wait is longer than this, `Retry-After` included (default 5,000 ms). */
  maxDelayMs?: number;
  /** Answers that mean "the gateway or a service behind it did not get to it": resent (default 502, 503, 504). */
  statuses?: readonly number[];
  /** Told about each resend before its wait, e.g. to log it. */
  onRetry?: (resend: { attempt: number; delayMs: number; reason: string; method: string; url: string }) => void;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Resends a request that got 502, 503 or 504 or failed on the network, with the same body and so
 * the same `idempotency_key`: the platform answers a repeated purchase, grant or wallet transaction
 * with the original result (`was_cached: true`), never a second order. Only requests that are safe
 * to repeat are resent: idempotent methods, and POSTs whose JSON body carries an
 * `idempotency_key` (or that send an `Idempotency-Key` header). Each attempt goes through `fetch`
 * again, so a signing fetch signs it anew. A `Retry-After` on the answer is honoured up to `maxDelayMs`.
 */
export function withRetries(fetch: RequestFetch, options: RetryOptions = {}): RequestFetch {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 3));
  const baseDelay = options.baseDelayMs ?? 200;
  const maxDelay = options.maxDelayMs ?? 5_000;
  const statuses = new Set(options.statuses ?? [502, 503, 504]);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  return async (request) => {
    if (attempts === 1 || !(await repeatable(request))) return fetch(request);
    for (let attempt = 1; ; attempt++) {
      const last = attempt === attempts;
      let reason: string;
      let retryAfter: number | undefined;
      try {
        const response = await fetch(last ? request : request.clone());
        if (last || !statuses.has(response.status)) return response;
        reason = `HTTP ${response.status}`;
        retryAfter = retryAfterMs(response.headers.get('retry-after'));
        await response.body?.cancel();
      } catch (error) {
        if (last || request.signal.aborted || !isNetworkError(error)) throw error;
        reason = error instanceof Error ? error.message : String(error);
      }
      const backoff = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
      const delayMs = Math.min(maxDelay, retryAfter ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2));
      options.onRetry?.({ attempt: attempt + 1, delayMs, reason, method: request.method, url: request.url });
      await sleep(delayMs);
    }
  };
}

async function repeatable(request: Request): Promise<boolean> {
  if (IDEMPOTENT_METHODS.has(request.method.toUpperCase())) return true;
  if (request.headers.has('idempotency-key')) return true;
  if (!request.body || !/json/i.test(request.headers.get('content-type') ?? '')) return false;
  try {
    const body = (await request.clone().json()) as unknown;
    return typeof body === 'object' && body !== null && typeof (body as { idempotency_key?: unknown }).idempotency_key === 'string';
  } catch {
    return false;
  }
}

/** fetch rejects with a TypeError when no answer came (refused, reset, DNS); anything else is not ours to retry. */
function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
