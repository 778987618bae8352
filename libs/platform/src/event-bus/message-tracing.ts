import { ROOT_CONTEXT, context, propagation } from '@opentelemetry/api';
import { LogFields, SpanKind, inSpan, withLogFields } from '../observability/tracing';
import { BusMessage } from './event-bus';

/** Log fields of an order event: its key is the order id; the relay adds a tenant header. */
function fieldsOf(message: BusMessage): LogFields {
  return { order_id: message.key, tenant_id: message.headers['tenant-id'], request_id: message.headers['x-request-id'] };
}

/**
 * Handles one consumed message as a unit of work of its own: a consumer span continuing the
 * trace of the request that caused the event (its `traceparent` header), and log lines with
 * that trace id and the event's order and tenant.
 */
export function inMessageContext<T>(message: BusMessage, name: string, work: () => Promise<T>): Promise<T> {
  return inSpan(`${name} ${message.topic}`, SpanKind.CONSUMER, message.headers, fieldsOf(message), work);
}

/**
 * Runs `work` (a log call) in the producer's context of a message, without a span of our
 * own: for per-event log lines of a consumer that works in batches, where a span per event
 * would cost more than the work.
 */
export function inMessageLogContext(message: BusMessage, work: () => void): void {
  context.with(withLogFields(propagation.extract(ROOT_CONTEXT, message.headers), fieldsOf(message)), work);
}
