import {
  Attributes,
  Context,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  context,
  createContextKey,
  propagation,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  RandomIdGenerator,
  Sampler,
  SpanExporter,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { SamplerSettings, TraceSettings } from './trace-settings';

/**
 * Tracing with the OpenTelemetry SDK, configured by the standard `OTEL_*` variables
 * (trace-settings.ts). When spans are exported, the maintained instrumentations of http, Nest,
 * pg, kafkajs and undici make most of them (instrument.ts, loaded first in every bundle); the
 * spans made here are the ones no library can see: the RPC calls over Nest's TCP transport (its
 * packets carry the W3C context, see rpc-tracing.ts), the outbox relay (it publishes later,
 * outside the request, from the context stored with each outbox row), the consumer pipeline's
 * store calls (kafkajs' own process spans end when a batch is queued, before it is stored) and
 * job attempts. Without an instrumented http server (no export), the request's server span is
 * made here too, unrecorded: its ids are what the logs and the propagated context need.
 */

export interface TracingOptions {
  serviceName: string;
  /** What the `OTEL_*` variables ask for (traceSettings). */
  settings: TraceSettings;
}
/** What crosses a process boundary with a request or an event: W3C trace context plus our request id. */
export type TraceCarrier = Record<string, string>;

/** The request id key inside a carrier (the HTTP header of the same name starts it). */
export const REQUEST_ID_KEY = 'x-request-id';

/** The fields every log line of a unit of work carries, once known. */
export interface LogFields {
  request_id?: string;
  tenant_id?: string;
  user_id?: string;
  order_id?: string;
}

const LOG_FIELDS = createContextKey('phoenix.log-fields');
const TRACER_NAME = 'phoenix-rewards';

// One provider per process: in standalone mode the five bundles share @opentelemetry/api's
// global registration, so the first app to start sets it up for all.
const STARTED = Symbol.for('phoenix.tracing.started');

export interface TracingHandle {
  /** Flushes spans still buffered (on shutdown). */
  close(): Promise<void>;
  /** Whether spans leave the process (an OTLP endpoint is set). */
  exporting: boolean;
}

/**
 * Whether spans are recorded. Without an exporter a recorded span is thrown away when it ends,
 * and recording one (attributes, clock reads, the span processor) was about 4 % of the query
 * gateway's CPU per request; its ids are all the logs and the propagated context need.
 */
let recording = true;

export function initTracing(options: TracingOptions): TracingHandle {
  const holder = globalThis as unknown as Record<symbol, TracingHandle | undefined>;
  const existing = holder[STARTED];
  if (existing) {
    recording = existing.exporting;
    return existing;
  }
  const { exporting, tracesUrl, sampler } = options.settings;
  recording = exporting;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    sampler: samplerOf(sampler),
    spanProcessors: exporting && tracesUrl
      ? [
          new BatchSpanProcessor({
            exporter: otlpExporter(tracesUrl),
            // A collector that does not answer must not hold up a shutdown for long.
            exportTimeoutMillis: 5_000,
          }),
        ]
      : [],
  });
  trace.setGlobalTracerProvider(provider);
  let closing: Promise<void> | undefined;
  const handle: TracingHandle = { close: () => (closing ??= provider.shutdown()), exporting: recording };
  holder[STARTED] = handle;
  return handle;
}

/** Whether spans are recorded and exported in this process (initTracing ran with an exporter). */
export function spansRecorded(): boolean {
  return recording;
}

function samplerOf({ name, ratio }: SamplerSettings): Sampler {
  const root = name.endsWith('always_off') ? new AlwaysOffSampler() : name.endsWith('traceidratio') ? new TraceIdRatioBasedSampler(ratio) : new AlwaysOnSampler();
  return name.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}

/**
 * Loaded only when spans are exported: the exporter and its HTTP stack cost every start (five
 * times in a standalone's one process before the first is cached) for nothing otherwise.
 */
function otlpExporter(tracesUrl: string): SpanExporter {
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  return new OTLPTraceExporter({ url: tracesUrl });
}

function tracer() {
  return trace.getTracer(TRACER_NAME);
}

/** The carrier for the current context: pass it along with a call or an event. */
export function currentCarrier(): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  const requestId = logFields().request_id;
  if (requestId) carrier[REQUEST_ID_KEY] = requestId;
  return carrier;
}

/** The log fields of the current unit of work (empty outside of one). */
export function logFields(active: Context = context.active()): LogFields {
  return (active.getValue(LOG_FIELDS) as LogFields | undefined) ?? {};
}

/**
 * Adds fields to the current unit of work's log lines from here on (an order id once the
 * order exists, the tenant once the caller is authenticated). Outside of one it does nothing.
 */
export function annotate(fields: LogFields): void {
  const current = context.active().getValue(LOG_FIELDS) as LogFields | undefined;
  if (!current) return;
  for (const [key, value] of Object.entries(fields) as Array<[keyof LogFields, string | undefined]>) {
    if (value) current[key] = value;
  }
}

export interface UnitOfWork {
  span: Span;
  context: Context;
  fields: LogFields;
  /** The span is a library's (the http instrumentation's): it ends it, not we. */
  adopted?: boolean;
}

/**
 * The unit of work of a span a library started and made active (the http instrumentation's
 * server span): our log fields on its context, the span left to the library to end.
 */
export function adoptWork(active: Context, span: Span, fields: LogFields): UnitOfWork {
  const own: LogFields = { ...logFields(active), ...defined(fields) };
  return { span, fields: own, context: active.setValue(LOG_FIELDS, own), adopted: true };
}

/**
 * Starts a span for one unit of work (a request, an RPC call, an event), as the child of the
 * context in `carrier` when there is one, with its own log fields. The caller ends the span
 * (see `finish`) and runs the work inside `context`.
 */
export function beginWork(name: string, kind: SpanKind, carrier: TraceCarrier | undefined, fields: LogFields, attributes: Attributes = {}): UnitOfWork {
  const parent = carrier ? propagation.extract(ROOT_CONTEXT, carrier) : context.active();
  const requestId = carrier?.[REQUEST_ID_KEY];
  const own: LogFields = { ...logFields(parent), ...(requestId ? { request_id: requestId } : {}), ...defined(fields) };
  const span = recording ? tracer().startSpan(name, { kind, attributes }, parent) : unrecordedSpan(parent);
  return { span, fields: own, context: trace.setSpan(parent, span).setValue(LOG_FIELDS, own) };
}

const ids = new RandomIdGenerator();

/**
 * The span the SDK would start under `parent`, without recording it: same trace id (a new one
 * at the root), a new span id, and the flags of its default sampler (parent-based, always on),
 * so the `traceparent` sent on and the ids in the logs are what they are with an exporter.
 */
function unrecordedSpan(parent: Context): Span {
  const parentContext = trace.getSpanContext(parent);
  const continued = parentContext !== undefined && trace.isSpanContextValid(parentContext);
  return trace.wrapSpanContext({
    traceId: continued ? parentContext.traceId : ids.generateTraceId(),
    spanId: ids.generateSpanId(),
    traceFlags: continued ? parentContext.traceFlags & TraceFlags.SAMPLED : TraceFlags.SAMPLED,
    ...(continued && parentContext.traceState ? { traceState: parentContext.traceState } : {}),
  });
}

export function finish(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** Runs `work` as a unit of work of its own (see `beginWork`), ending its span when it settles. */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  carrier: TraceCarrier | undefined,
  fields: LogFields,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const unit = beginWork(name, kind, carrier, fields);
  try {
    const result = await context.with(unit.context, () => work(unit.span));
    finish(unit.span);
    return result;
  } catch (error) {
    finish(unit.span, error);
    throw error;
  }
}

/** `parent` with log fields of its own (no new span). */
export function withLogFields(parent: Context, fields: LogFields): Context {
  return parent.setValue(LOG_FIELDS, { ...logFields(parent), ...defined(fields) });
}

/** Trace and log fields of the current context, for a pino mixin. */
export function currentLogBindings(): Record<string, string> {
  const active = context.active();
  const span = trace.getSpanContext(active);
  const bindings: Record<string, string> = { ...(defined(logFields(active)) as Record<string, string>) };
  if (span) {
    bindings['trace_id'] = span.traceId;
    bindings['span_id'] = span.spanId;
  }
  return bindings;
}

function defined(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields) as Array<[keyof LogFields, string | undefined]>) {
    if (typeof value === 'string' && value.length > 0) out[key] = value;
  }
  return out;
}

export { SpanKind };
