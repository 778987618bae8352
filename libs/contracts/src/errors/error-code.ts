/**
 * Every error the platform reports to a client has one of these codes. The HTTP status
 * for each code is decided in exactly one place (the gateways' exception filter).
 */
export enum ErrorCode {
  Validation = 'VALIDATION',
  Unauthenticated = 'UNAUTHENTICATED',
  InsufficientBalance = 'INSUFFICIENT_BALANCE',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  OutOfStock = 'OUT_OF_STOCK',
  IdempotencyMismatch = 'IDEMPOTENCY_MISMATCH',
  /** An order action (retry, refund, claim...) the order's state or kind does not allow. */
  OrderActionNotAllowed = 'ORDER_ACTION_NOT_ALLOWED',
  /** A known path asked with a method it does not take (the answer's `Allow` lists those it does). */
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  HeadersTooLarge = 'HEADERS_TOO_LARGE',
  RequestTimeout = 'REQUEST_TIMEOUT',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  RateLimited = 'RATE_LIMITED',
  Unavailable = 'UNAVAILABLE',
  /**
   * A service this answer needs is down or did not answer in time: the other routes of the
   * gateway keep working (its readiness needs only rewards-catalog). Sent with Retry-After.
   */
  UpstreamUnavailable = 'UPSTREAM_UNAVAILABLE',
  Internal = 'INTERNAL',
}

export interface ErrorDetail {
  /** Dotted path of the offending input, e.g. `fields.phone_number`. */
  path: string;
  message: string;
}

/** The shape an error takes on the wire between services. */
export interface RpcErrorPayload {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
  error_id?: string;
  /** Present (true) only on a replayed idempotent outcome; a first-time error has none. */
  was_cached?: true;
}

export function isRpcErrorPayload(value: unknown): value is RpcErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate['message'] === 'string' &&
    Object.values(ErrorCode).includes(candidate['code'] as ErrorCode)
  );
}
