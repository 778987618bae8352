import { ErrorCode, HttpErrorBodySchema, httpStatusFor } from '@phoenix/contracts';
import { REASONS } from '../http-errors';
import type { Json, SchemaComponents } from './schema-components';

/**
 * Statuses any route can answer with: invalid input, credentials missing or refused, rate limits,
 * a fault, a service down, and what the HTTP server answers before routing (a request that does
 * not arrive in time, 408; headers too large, 431: create-http-app.ts's answerClientError).
 */
export const STANDARD_ERRORS = [400, 401, 403, 408, 429, 431, 500, 503];

/** Every error status a route may name, each a `components.responses` entry `Error<status>`. */
const ERROR_STATUSES = [400, 401, 402, 403, 404, 408, 409, 413, 415, 429, 431, 500, 503];

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** The response headers the gateways send, where they send them. */
export function responseHeaders(): Json {
  const integer = { type: 'integer', minimum: 0 };
  return {
    'X-Request-Id': { description: 'The request id of the log lines: the caller’s X-Request-Id when usable, else a new UUID', schema: { type: 'string' } },
    'RateLimit-Limit': { description: 'Requests allowed in the window of the rate limit closest to empty (when one applies to the credential)', schema: integer },
    'RateLimit-Remaining': { description: 'Requests left in that window', schema: integer },
    'Retry-After': { description: 'Seconds to wait before trying again', required: true, schema: integer },
    ETag: { description: 'A strong tag of this answer: send it as If-None-Match to get 304 while it is current', required: true, schema: { type: 'string' } },
  };
}

export function successHeaders(etag: boolean): Json {
  return {
    'X-Request-Id': header('X-Request-Id'),
    'RateLimit-Limit': header('RateLimit-Limit'),
    'RateLimit-Remaining': header('RateLimit-Remaining'),
    ...(etag ? { ETag: header('ETag') } : {}),
  };
}

/** `Error<status>` responses: the one error shape, with the codes that status carries. */
export function errorResponses(schemas: SchemaComponents): Json {
  const codes = Object.values(ErrorCode);
  return Object.fromEntries(
    ERROR_STATUSES.map((status) => {
      const own = codes.filter((code) => httpStatusFor(code) === status);
      const headers: Json = { 'X-Request-Id': header('X-Request-Id') };
      if (status === 429 || status === 503) headers['Retry-After'] = header('Retry-After');
      else if (status !== 401) Object.assign(headers, { 'RateLimit-Limit': header('RateLimit-Limit'), 'RateLimit-Remaining': header('RateLimit-Remaining') });
      return [
        `Error${status}`,
        {
          description: `${REASONS[status] ?? 'Error'}: code ${own.join(' or ')}`,
          headers,
          content: { 'application/json': { schema: schemas.use(HttpErrorBodySchema, 'output') } },
        },
      ];
    }),
  );
}
