import { ErrorCode } from '@phoenix/contracts';
import type { FastifyInstance } from 'fastify';
import { httpErrorBody } from './http-errors';

/** The methods routes are declared with; OPTIONS has no route, it is answered below for every known path. */
const ROUTED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * What `Allow` says for `url` (its path; a query is ignored): the methods some route serves
 * there, in a fixed order, then OPTIONS. Empty for a path no route serves.
 */
export function allowedMethods(fastify: FastifyInstance, url: string): string[] {
  const served = ROUTED_METHODS.filter((method) => fastify.findRoute({ method, url }) !== null);
  return served.length ? [...served, 'OPTIONS'] : [];
}

/**
 * A request that matched no route on a path that has routes for other methods: 405 with
 * `Allow` and the one error shape (Fastify would answer 404 "Cannot DELETE …"), and a plain
 * OPTIONS there 204 with `Allow`. A path no route serves stays 404. CORS preflights are
 * answered before this (cors.ts).
 */
export function answerWrongMethods(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.is404) return done();
    const allow = allowedMethods(fastify, request.url);
    if (!allow.length) return done();
    reply.header('allow', allow.join(', '));
    if (request.method === 'OPTIONS') {
      void reply.code(204).send();
      return;
    }
    const path = request.url.split('?', 1)[0];
    const message = `${request.method} is not allowed on ${path}: it takes ${allow.join(', ')}`;
    void reply.code(405).send(httpErrorBody(405, ErrorCode.MethodNotAllowed, message));
  });
}
