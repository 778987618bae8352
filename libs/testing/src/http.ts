import { assertContract } from './contract';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as is (for malformed-body tests); otherwise `json` is serialised. */
  rawBody?: string;
  json?: unknown;
  /** false: the answer is not checked against the gateway's OpenAPI document (contract.ts). */
  contract?: boolean;
}

/**
 * A thin fetch wrapper for tests: never throws on a status, parses JSON when it can. An answer of
 * a gateway is checked against its OpenAPI document, and one the document does not describe throws
 * (contract.ts).
 */
export async function call<T = any>(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  let body: string | undefined = options.rawBody;
  if (body === undefined && options.json !== undefined) body = JSON.stringify(options.json);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  if (options.contract !== false) assertContract(baseUrl, method, path, response.status, response.headers, parsed);
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** Answers that settle nothing: the gateway gave up waiting (503, 504) or could not reach a service (502). */
const UNSETTLED = new Set([502, 503, 504]);

/**
 * A request as a careful client sends an idempotent one: an answer that settles nothing (e.g.
 * the 503 of a service too busy to answer within SERVICE_TIMEOUT_MS) is sent again, unchanged,
 * so its idempotency key or source reference makes the outcome exactly one however loaded the
 * machine is. A 500 is not resent: it is a bug to see. Gives the last answer after `attempts`.
 */
export async function settled<T = any>(send: () => Promise<ApiResponse<T>>, attempts = 5): Promise<ApiResponse<T>> {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    if (!UNSETTLED.has(response.status) || attempt >= attempts) return response;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

/**
 * `count` identical idempotent requests at once, each settled; `busy` counts the unsettled
 * answers met on the way. Exactly one response did the work and the rest replayed it, unless the
 * one that did was cut off by the gateway's timeout (busy > 0) and its resend replayed it too.
 */
export async function settledBurst<T = any>(count: number, send: () => Promise<ApiResponse<T>>): Promise<{ responses: ApiResponse<T>[]; busy: number }> {
  let busy = 0;
  const responses = await Promise.all(
    Array.from({ length: count }, () =>
      settled(async () => {
        const response = await send();
        if (UNSETTLED.has(response.status)) busy++;
        return response;
      }),
    ),
  );
  return { responses, busy };
}
