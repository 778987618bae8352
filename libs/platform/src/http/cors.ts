import { ErrorCode } from '@phoenix/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { httpErrorBody } from './http-errors';

/** Which browser origins may call an HTTP app (the query gateway: config and tenants' `allowed_origins`). */
export interface CorsPolicy {
  allows(origin: string): Promise<boolean>;
}

/** Every method the API uses, whatever the path: a wrong one then gets its 405 readable by the app. */
export const CORS_ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] as const;
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-None-Match', 'X-Request-Id'] as const;
/** Response headers a browser app may read: its request id, when to retry, its rate budget, the catalog's validator. */
export const CORS_EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'ETag'] as const;
const PREFLIGHT_MAX_AGE_SECONDS = 600;

function addVary(reply: FastifyReply, header: string): void {
  const current = reply.getHeader('vary');
  const values = typeof current === 'string' ? current.split(',').map((value) => value.trim()) : [];
  if (!values.some((value) => value.toLowerCase() === header.toLowerCase())) reply.header('vary', [...values, header].filter(Boolean).join(', '));
}

/**
 * CORS for every HTTP app, in one hook ahead of routing, so that preflights get an answer of
 * their own on any path instead of Fastify's "Cannot OPTIONS" 404:
 * - a preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) from an allowed origin
 *   is 204 with the `Access-Control-Allow-*` headers and `Access-Control-Max-Age`;
 * - from any other origin (on an app without a policy: every origin) it is 403 in the one error
 *   shape, saying why, with no `Access-Control-*` header, so the browser stops there;
 * - an actual request from an allowed origin gets `Access-Control-Allow-Origin` and
 *   `Access-Control-Expose-Headers`; from another origin none, and it is served as usual (the
 *   credential decides; the browser keeps the answer from the page).
 * An origin the policy cannot decide (its lookup failed) counts as refused.
 */
export function answerCors(fastify: FastifyInstance, policy: CorsPolicy | undefined): void {
  // Callback style, not async: a request without Origin (every server-to-server call, and the hot
  // paths' load) passes without a promise of its own.
  fastify.addHook('onRequest', (request, reply, done) => {
    // Answers differ by Origin wherever a policy may allow one: caches must keep them apart.
    if (policy) addVary(reply, 'Origin');
    const origin = request.headers.origin;
    if (typeof origin !== 'string') return done();
    const decided = policy ? policy.allows(origin).catch(() => false) : Promise.resolve(false);
    decided.then((allowed) => {
      const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
      if (!preflight) {
        if (allowed) reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
        return done();
      }
      if (!allowed) {
        const reason = policy
          ? `Origin ${origin.slice(0, 200)} may not call this API from a browser: it is neither in CORS_ALLOWED_ORIGINS nor in a tenant's allowed_origins`
          : 'This API takes no cross-origin requests from browsers';
        void reply.code(403).send(httpErrorBody(403, ErrorCode.Forbidden, reason));
        return;
      }
      void reply
        .code(204)
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-methods', CORS_ALLOWED_METHODS.join(', '))
        .header('access-control-allow-headers', CORS_ALLOWED_HEADERS.join(', '))
        .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS))
        .send();
    }, done);
  });
}
