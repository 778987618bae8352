import { ErrorCode } from './error-code';

/**
 * The single place where an error code becomes an HTTP status: the gateways answer with
 * it, and bulk results report it per item.
 */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.Validation:
      return 400;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.InsufficientBalance:
      return 402;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
    case ErrorCode.OutOfStock:
    case ErrorCode.IdempotencyMismatch:
    case ErrorCode.OrderActionNotAllowed:
      return 409;
    case ErrorCode.MethodNotAllowed:
      return 405;
    case ErrorCode.RequestTimeout:
      return 408;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.HeadersTooLarge:
      return 431;
    case ErrorCode.UnsupportedMediaType:
      return 415;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.Unavailable:
    case ErrorCode.UpstreamUnavailable:
      return 503;
    case ErrorCode.Internal:
      return 500;
  }
}

