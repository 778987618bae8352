import { HttpException } from '@nestjs/common';
import { AppError, ErrorCode, ErrorDetail, HttpErrorBodySchema, httpStatusFor } from '@phoenix/contracts';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/** The one error shape (its schema, in contracts, documents every error answer). */
export type HttpErrorBody = z.infer<typeof HttpErrorBodySchema>;

export const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 405) return ErrorCode.MethodNotAllowed;
  if (status === 408) return ErrorCode.RequestTimeout;
  if (status === 409) return ErrorCode.Conflict;
  if (status === 413) return ErrorCode.PayloadTooLarge;
  if (status === 415) return ErrorCode.UnsupportedMediaType;
  if (status === 429) return ErrorCode.RateLimited;
  if (status === 431) return ErrorCode.HeadersTooLarge;
  if (status === 503) return ErrorCode.Unavailable;
  if (status >= 500) return ErrorCode.Internal;
  return ErrorCode.Validation;
}

export interface MappedHttpError {
  body: HttpErrorBody;
  /** Set for unexpected errors: they are logged with the id the client sees. */
  unexpected?: unknown;
}

/** An error answer in the one shape, for a status the platform answers itself. */
export function httpErrorBody(statusCode: number, code: ErrorCode, message: string, details?: ErrorDetail[]): HttpErrorBody {
  const result: HttpErrorBody = { statusCode, error: REASONS[statusCode] ?? 'Error', code, message };
  if (details?.length) result.details = details;
  return result;
}

/**
 * Maps anything thrown while serving a request to the one error shape of the HTTP API.
 * Only errors we did not expect become 500, with an id that is also logged.
 */
export function toHttpError(error: unknown): MappedHttpError {
  if (error instanceof AppError) {
    const mapped = httpErrorBody(httpStatusFor(error.code), error.code, error.message, error.details);
    if (error.errorId) mapped.error_id = error.errorId;
    if (error.wasCached) mapped.was_cached = true;
    return { body: mapped };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : error.message;
    if (status < 500) return { body: httpErrorBody(status, codeForStatus(status), message) };
  }
  // Errors raised by Fastify itself: malformed JSON, body too large, bad content type...
  const fastifyStatus = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const message = fastifyMessage(error as { code?: string; message: string });
    return { body: httpErrorBody(fastifyStatus, codeForStatus(fastifyStatus), message) };
  }
  const errorId = randomUUID();
  return {
    body: { ...httpErrorBody(500, ErrorCode.Internal, `Internal error (id ${errorId})`), error_id: errorId },
    unexpected: error,
  };
}

/**
 * The answer to a request Node's HTTP parser refused before any route ran (Fastify's
 * clientError): headers over the size limit, a request not received in time, or bytes that
 * are not HTTP.
 */
export function clientErrorBody(error: { code?: string }): HttpErrorBody {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return httpErrorBody(431, ErrorCode.HeadersTooLarge, 'Request headers are too large');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return httpErrorBody(408, ErrorCode.RequestTimeout, 'The request did not arrive in time');
    default:
      return httpErrorBody(400, ErrorCode.Validation, 'Malformed HTTP request');
  }
}

function fastifyMessage(error: { code?: string; message: string }): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return `Malformed JSON body: ${error.message}`;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type: send application/json';
    default:
      return error.message;
  }
}
