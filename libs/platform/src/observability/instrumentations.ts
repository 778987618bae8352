import { isMainThread } from 'node:worker_threads';
import { traceSettings } from './trace-settings';

/**
 * Called by the first module of every app's bundle (instrument.ts; tools/build/webpack.config.js
 * puts it before the app's main.ts): when spans are exported, it registers the maintained OpenTelemetry
 * instrumentations of the libraries we use, before any of them is loaded. They patch modules as
 * `require` loads them (node_modules stay outside the bundles, so the bundles' requires are
 * Node's own) and listen on Node's diagnostics channels (undici, behind `fetch`):
 *
 * - http: a server span per request (health probes and /metrics left out) and client spans;
 * - @nestjs/core: the controller and handler of each request;
 * - pg: one span per statement, only inside a trace (the background loops' polls make none);
 * - kafkajs: produce, receive and process spans with the W3C context in message headers;
 * - undici: outgoing `fetch` calls (webhooks, a tenant's fulfillment API, JWKS), inside a trace.
 *
 * Our own spans stay only where no library can see (tracing.ts): the RPC over Nest's TCP
 * transport, the outbox relay, the consumer pipeline's deferred store calls and job attempts.
 *
 * Without export nothing is loaded here: a span that nobody receives costs CPU on every request
 * and every statement (observability/tracing.ts: trace ids for the logs are made without it), and
 * loading the instrumentations costs every start. The tracer provider itself is set up later,
 * with the app's name, by initTracing; until then the instrumentations' tracers are the API's
 * proxies, which start delegating as soon as it is registered.
 */
const REGISTERED = Symbol.for('phoenix.tracing.instrumented');

/** Whether the library instrumentations are active in this process (see above). */
export function librariesInstrumented(): boolean {
  return (globalThis as unknown as Record<symbol, boolean | undefined>)[REGISTERED] === true;
}

/** Requests the server spans leave out: probes and scrapes, many per minute, each a trace of its own otherwise. */
export function isOperationsPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0] ?? '';
  return path === '/metrics' || path === '/health' || path.startsWith('/health/');
}

/** Registers the instrumentations (once per process, on its main thread) when spans are exported. */
export function registerLibraryInstrumentations(): void {
  const holder = globalThis as unknown as Record<symbol, boolean | undefined>;
  // The standalone's embedded Postgres thread runs the same entry; its PGlite makes no spans.
  if (holder[REGISTERED] || !isMainThread || !traceSettings(process.env).exporting) return;
  holder[REGISTERED] = true;
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { NestInstrumentation } = require('@opentelemetry/instrumentation-nestjs-core') as typeof import('@opentelemetry/instrumentation-nestjs-core');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { KafkaJsInstrumentation } = require('@opentelemetry/instrumentation-kafkajs') as typeof import('@opentelemetry/instrumentation-kafkajs');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  registerInstrumentations({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => isOperationsPath(request.url),
        // The ClickHouse client's and the OTLP exporter's own calls outside a request make no trace.
        requireParentforOutgoingSpans: true,
      }),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new KafkaJsInstrumentation(),
      new UndiciInstrumentation({ requireParentforSpans: true }),
    ],
  });
}
