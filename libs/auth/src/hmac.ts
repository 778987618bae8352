import { createHmac, timingSafeEqual } from 'node:crypto';

export const HMAC_HEADERS = {
  tenant: 'x-phoenix-tenant',
  timestamp: 'x-phoenix-timestamp',
  signature: 'x-phoenix-signature',
} as const;

export interface SignedRequest {
  method: string;
  /** Path and query string exactly as sent, e.g. `/v1/wallets/u1?x=1`. */
  pathWithQuery: string;
  rawBody: string | Buffer;
  timestamp: string;
}

/** Hex HMAC-SHA256 of `${timestamp}.${METHOD}.${path+query}.${rawBody}`. */
export function signRequest(secret: string, request: SignedRequest): string {
  return createHmac('sha256', secret)
    .update(`${request.timestamp}.${request.method.toUpperCase()}.${request.pathWithQuery}.`)
    .update(request.rawBody)
    .digest('hex');
}

export type HmacVerdict = { ok: true } | { ok: false; reason: string };

export function verifyRequestSignature(
  secret: string,
  request: SignedRequest,
  signature: string,
  nowSeconds: number,
  windowSeconds: number,
): HmacVerdict {
  if (!/^\d{1,12}$/.test(request.timestamp)) return { ok: false, reason: 'X-Phoenix-Timestamp must be unix seconds' };
  if (Math.abs(nowSeconds - Number(request.timestamp)) > windowSeconds) {
    return { ok: false, reason: `Request timestamp is outside the ±${windowSeconds} s window` };
  }
  if (!/^[0-9a-f]{64}$/i.test(signature)) return { ok: false, reason: 'X-Phoenix-Signature must be 64 hex characters' };
  const expected = Buffer.from(signRequest(secret, request), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: false, reason: 'Invalid request signature' };
  return { ok: true };
}

/**
 * Remembers signatures seen inside the time window, so a captured request cannot be
 * replayed. Per gateway process: with several replicas a replay could land on another one
 * inside the window (documented trade-off; the window is short).
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowSeconds: number, private readonly maxEntries = 100_000) {}

  /** True the first time a signature is presented, false on every replay. */
  firstUse(signature: string, nowSeconds: number): boolean {
    this.evict(nowSeconds);
    if (this.seen.has(signature)) return false;
    if (this.seen.size >= this.maxEntries) this.seen.delete(this.seen.keys().next().value as string);
    // A timestamp is accepted from T-W to T+W inclusive: a signature first seen at T-W must
    // still be remembered at T+W, hence the extra second.
    this.seen.set(signature, nowSeconds + 2 * this.windowSeconds + 1);
    return true;
  }

  private evict(nowSeconds: number): void {
    for (const [signature, expiresAt] of this.seen) {
      if (expiresAt > nowSeconds) break; // insertion order == expiry order
      this.seen.delete(signature);
    }
  }
}
