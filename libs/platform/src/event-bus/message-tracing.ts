import { Context, ROOT_CONTEXT, Span, context, propagation, trace } from '@opentelemetry/api';
import { LogFields, SpanKind, beginWork, finish, inSpan, spansRecorded, withLogFields } from '../observability/tracing';
import { BusMessage } from './event-bus';

/** Log fields of an order event: its key is the order id; the relay adds a tenant header. */
function fieldsOf(message: BusMessage): LogFields {
  return { order_id: message.key, tenant_id: message.headers['tenant-id'], request_id: message.headers['x-request-id'] };
}

/**
 * Runs `work` (a log call) in the producer's context of a message, without a span of our
 * own: for per-event log lines of a consumer that works in batches, where a span per event
 * would cost more than the work.
 */
export function inMessageLogContext(message: BusMessage, work: () => void): void {
  context.with(withLogFields(propagation.extract(ROOT_CONTEXT, message.headers), fieldsOf(message)), work);
}

/** The trace id in a message's `traceparent` header, if it has one. */
function traceIdOf(message: BusMessage): string | undefined {
  return message.headers['traceparent']?.split('-')[1];
}

/**
 * Publishes messages that were written by many requests (the outbox relay's batch) so that each
 * one's produce span sits in the trace of the request that caused it. kafkajs' instrumentation
 * starts a send span per message under the context active at the call and writes that span into
 * the message's `traceparent`; one call for the whole batch would move every message into one
 * trace. So, while spans are exported, consecutive messages of one trace are published together
 * inside a span of ours (`name`, the child of the context the first of them carries), one such
 * publish after the other: the order of the messages holds. Without export, one publish, as the
 * headers already carry each request's context for the consumers' logs.
 */
export async function publishInTheirTraces(messages: BusMessage[], name: string, publish: (messages: BusMessage[]) => Promise<void>): Promise<void> {
  if (!spansRecorded()) return publish(messages);
  let start = 0;
  while (start < messages.length) {
    const traceId = traceIdOf(messages[start] as BusMessage);
    let end = start + 1;
    while (end < messages.length && traceIdOf(messages[end] as BusMessage) === traceId) end += 1;
    const run = messages.slice(start, end);
    const first = run[0] as BusMessage;
    await inSpan(name, SpanKind.INTERNAL, traceId ? first.headers : undefined, fieldsOf(first), () => publish(run));
    start = end;
  }
}

/**
 * Spans of a consumer's store call, one per message, while spans are exported: kafkajs'
 * process spans end when its eachBatch call returns, and ours (ConsumerPipeline) returns once a
 * batch is queued, before it is stored. Each is the child of its message's producer (the
 * `traceparent` header), so the consumption sits in the trace of the request that caused it.
 * Returns the context to store in (the first message's span: the store call's own database
 * spans go there) and how to end them.
 */
export function storeSpans(batches: Array<{ topic: string; messages: BusMessage[] }>): { context: Context; end(error?: unknown): void } {
  if (!spansRecorded()) return { context: context.active(), end: () => undefined };
  const spans: Span[] = [];
  let first: Context | undefined;
  for (const batch of batches) {
    for (const message of batch.messages) {
      const unit = beginWork(`store ${batch.topic}`, SpanKind.CONSUMER, message.headers, fieldsOf(message), {
        'messaging.system': 'kafka',
        'messaging.destination.name': batch.topic,
        'messaging.operation.type': 'process',
      });
      spans.push(unit.span);
      first ??= unit.context;
    }
  }
  return {
    context: first ?? trace.deleteSpan(context.active()),
    end: (error?: unknown) => {
      for (const span of spans) finish(span, error);
    },
  };
}
