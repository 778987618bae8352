import { ErrorCode, ErrorDetail, RpcErrorPayload } from './error-code';

/**
 * An expected failure with a code: bad input, a missing record, a broken business rule.
 * Thrown by use cases and domain logic; never carries transport concerns.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Set on INTERNAL errors relayed from another service: the id its log line carries. */
    readonly errorId?: string,
    /** True when this is the stored outcome of an idempotent request, answered again. */
    readonly wasCached = false,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toPayload(): RpcErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.details?.length ? { details: this.details } : {}),
      ...(this.errorId ? { error_id: this.errorId } : {}),
      ...(this.wasCached ? { was_cached: true } : {}),
    };
  }

  static fromPayload(payload: RpcErrorPayload): AppError {
    return new AppError(payload.code, payload.message, payload.details, payload.error_id, payload.was_cached === true);
  }

  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NotFound, `${what} not found`);
  }

  static validation(message: string, details?: ErrorDetail[]): AppError {
    return new AppError(ErrorCode.Validation, message, details);
  }

  static forbidden(message: string): AppError {
    return new AppError(ErrorCode.Forbidden, message);
  }

  static unauthenticated(message: string): AppError {
    return new AppError(ErrorCode.Unauthenticated, message);
  }

  static conflict(message: string): AppError {
    return new AppError(ErrorCode.Conflict, message);
  }
}
