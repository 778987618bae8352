import type { ErrorCode, HttpErrorBody } from './schemas.js';

/** An error answer of a gateway, thrown by `unwrap`: the status and the documented error body. */
export class PhoenixApiError extends Error {
  override readonly name = 'PhoenixApiError';
  readonly status: number;
  /** The error body; a stand-in built from the status when the answer had none (e.g. a proxy's 502). */
  readonly body: HttpErrorBody;
  readonly requestId: string | undefined;

  constructor(response: Response, body: unknown) {
    const known = isErrorBody(body) ? body : undefined;
    super(known ? `${response.status} ${known.code}: ${known.message}` : `${response.status} ${response.statusText || 'error'} without an error body`);
    this.status = response.status;
    this.requestId = response.headers.get('x-request-id') ?? undefined;
    this.body = known ?? { statusCode: response.status, error: response.statusText, code: codeOf(response.status), message: this.message };
  }

  get code(): ErrorCode {
    return this.body.code;
  }
}

const CODES: Record<number, ErrorCode> = { 400: 'VALIDATION', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 429: 'RATE_LIMITED' };

/** The code the gateways give a status; an answer without a body came from something in front of them. */
function codeOf(status: number): ErrorCode {
  return CODES[status] ?? (status >= 500 ? 'UNAVAILABLE' : 'INTERNAL');
}

function isErrorBody(body: unknown): body is HttpErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as HttpErrorBody).code === 'string' && typeof (body as HttpErrorBody).message === 'string';
}

/** What every openapi-fetch call resolves to. */
interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The body of a successful call, or a thrown `PhoenixApiError` for an error answer:
 * `const { order } = await unwrap(query.POST('/v1/rewards/purchase/{slug}', {...}))`.
 * Without it, openapi-fetch gives `{ data, error, response }` with `error` typed as `HttpErrorBody`.
 */
export async function unwrap<R extends CallResult>(call: Promise<R> | R): Promise<NonNullable<R['data']>> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) throw new PhoenixApiError(response, error);
  return data as NonNullable<R['data']>;
}
