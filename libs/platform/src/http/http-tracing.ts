import { context, trace } from '@opentelemetry/api';
import { RPCType, getRPCMetadata } from '@opentelemetry/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Metrics } from '../metrics/metrics';
import { librariesInstrumented } from '../observability/instrumentations';
import { SpanKind, TraceCarrier, UnitOfWork, adoptWork, beginWork, finish } from '../observability/tracing';

const WORK = Symbol('phoenix.http.work');
type Tracked = IncomingMessage & { id?: string; [WORK]?: UnitOfWork };

/** The unit of work of a request, if it got that far (for the request's log bindings). */
export function requestWork(raw: IncomingMessage): UnitOfWork | undefined {
  return (raw as Tracked)[WORK];
}

/** The caller's `X-Request-Id` when it is usable, else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && header.length > 0 && header.length <= 128 ? header : randomUUID();
}

const ID_FIELDS = ['tenant_id', 'user_id', 'order_id'] as const;

/** Tenant, user and order ids named by the route's path or query. */
function namedIds(request: FastifyRequest): Partial<Record<(typeof ID_FIELDS)[number], string>> {
  const ids: Partial<Record<(typeof ID_FIELDS)[number], string>> = {};
  for (const source of [request.query, request.params] as Array<Record<string, unknown> | undefined>) {
    if (!source || typeof source !== 'object') continue;
    for (const field of ID_FIELDS) {
      const value = source[field];
      if (typeof value === 'string' && value.length > 0 && value.length <= 200) ids[field] = value;
    }
  }
  return ids;
}

/**
 * Every request is a unit of work: a server span continuing the caller's `traceparent`, a
 * request id (the caller's `X-Request-Id` or a new one, echoed back), and log fields. The
 * span becomes the active context once the body is parsed, so guards, handlers and the RPC
 * calls they make all see it. The latency histogram is observed here too.
 *
 * When the http instrumentation runs (spans exported, see instrument.ts), the server span is
 * its own: it is active when the request reaches Fastify, and this names it by its route (the
 * way framework instrumentations do, through the RPC metadata) and adds our log fields.
 * Otherwise the span is an unrecorded one of ours (tracing.ts).
 */
export function traceRequests(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw as Tracked;
    // Named here, in a hook added before the request logging's (logRequests), which keeps this id.
    const requestId = raw.id ?? requestIdOf(raw);
    raw.id = requestId;
    const active = context.active();
    const serverSpan = librariesInstrumented() ? trace.getSpan(active) : undefined;
    if (serverSpan) {
      const route = request.routeOptions.url ?? 'unmatched';
      const rpc = getRPCMetadata(active);
      if (rpc?.type === RPCType.HTTP) rpc.route = route;
      serverSpan.updateName(`${request.method} ${route}`);
      serverSpan.setAttribute('http.route', route);
      raw[WORK] = adoptWork(active, serverSpan, { request_id: requestId });
    } else {
      raw[WORK] = beginWork(`HTTP ${request.method}`, SpanKind.SERVER, request.headers as TraceCarrier, { request_id: requestId }, {
        'http.request.method': request.method,
      });
    }
    reply.header('x-request-id', requestId);
    done();
  });

  fastify.addHook('preHandler', (request, _reply, done) => {
    const work = (request.raw as Tracked)[WORK];
    if (!work) return done();
    Object.assign(work.fields, namedIds(request));
    context.with(work.context, done);
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.httpDuration.observe({ method: request.method, route, status: String(status) }, reply.elapsedTime / 1000);
    const work = (request.raw as Tracked)[WORK];
    if (work && !work.adopted) {
      work.span.updateName(`${request.method} ${route}`);
      work.span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
      finish(work.span, status >= 500 ? new Error(`HTTP ${status}`) : undefined);
    }
    done();
  });
}
