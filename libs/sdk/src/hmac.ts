import type { Middleware } from 'openapi-fetch';
import { hmacSha256, nowSeconds, toHex } from './crypto.js';

/** What a tenant's server signs its query-gateway calls with (instead of a user token). */
export interface HmacCredentials {
  tenantId: string;
  /** The tenant's `hmac_secret`. */
  secret: string;
}

export interface RequestToSign {
  method: string;
  /** Path and query string exactly as sent, e.g. `/v1/wallets/u1?x=1`. */
  pathWithQuery: string;
  /** The raw body as sent; empty for none. */
  body?: string | Uint8Array;
  /** Unix seconds; now when absent. The gateway accepts ±300 s. */
  timestamp?: number;
}

export const HMAC_HEADER_NAMES = {
  tenant: 'x-phoenix-tenant',
  timestamp: 'x-phoenix-timestamp',
  signature: 'x-phoenix-signature',
} as const;

/**
 * The three headers of an HMAC-signed request: `X-Phoenix-Signature` is the hex HMAC-SHA256, under
 * the tenant's `hmac_secret`, of `${timestamp}.${METHOD}.${path+query}.${rawBody}`. The gateway
 * refuses a signature it has already seen, so every attempt of a request is signed anew.
 */
export async function hmacHeaders(credentials: HmacCredentials, request: RequestToSign): Promise<Record<string, string>> {
  const timestamp = String(request.timestamp ?? nowSeconds());
  const prefix = new TextEncoder().encode(`${timestamp}.${request.method.toUpperCase()}.${request.pathWithQuery}.`);
  const body = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : (request.body ?? new Uint8Array());
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  return {
    [HMAC_HEADER_NAMES.tenant]: credentials.tenantId,
    [HMAC_HEADER_NAMES.timestamp]: timestamp,
    [HMAC_HEADER_NAMES.signature]: toHex(await hmacSha256(credentials.secret, signed)),
  };
}

/** Signs a fetch `Request` in place (its body is read from a clone) and returns it. */
export type HmacSigner = (request: Request) => Promise<Request>;

/**
 * A signer for one tenant's credentials. The signature covers the timestamp in seconds but no
 * nonce, and the gateway refuses a signature it has already seen: two identical requests in one
 * second (a resend, or two equal reads at once) would sign alike and the second be a replay. So the
 * signer remembers what it signed for the current second and gives a repeat the next unused second
 * (well inside the gateway's ±300 s window).
 */
export function createHmacSigner(credentials: HmacCredentials): HmacSigner {
  const issued = new Map<string, number>();
  let sweptAt = 0;
  return async (request) => {
    const now = nowSeconds();
    if (now !== sweptAt) {
      for (const [signature, timestamp] of issued) if (timestamp < now) issued.delete(signature);
      sweptAt = now;
    }
    const url = new URL(request.url);
    const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
    const toSign = { method: request.method, pathWithQuery: `${url.pathname}${url.search}`, ...(body ? { body } : {}) };
    let timestamp = now;
    let headers = await hmacHeaders(credentials, { ...toSign, timestamp });
    while (issued.has(headers[HMAC_HEADER_NAMES.signature])) headers = await hmacHeaders(credentials, { ...toSign, timestamp: ++timestamp });
    issued.set(headers[HMAC_HEADER_NAMES.signature], timestamp);
    for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
    return request;
  };
}

/**
 * openapi-fetch middleware that signs every request: `client.use(hmacMiddleware(credentials))`.
 * With resends, let the client sign each attempt instead (`createQueryClient({ hmac, retry })`):
 * a resent copy of an already signed request is a replay to the gateway.
 */
export function hmacMiddleware(credentials: HmacCredentials): Middleware {
  const sign = createHmacSigner(credentials);
  return { onRequest: ({ request }) => sign(request) };
}
