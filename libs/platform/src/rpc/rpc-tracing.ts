import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { SpanKind, TraceCarrier, beginWork, finish } from '../observability/tracing';

/**
 * The TCP transport has no headers, so the caller's trace carrier rides in the packet next
 * to `pattern`, `data` and `id`. On each side it is held under a symbol on the payload
 * object: JSON never sees it, and the handlers' schemas never do either.
 */
const CARRIER = Symbol('phoenix.rpc.trace');

interface Packet {
  pattern?: unknown;
  data?: unknown;
  id?: string;
  trace?: TraceCarrier;
}

type Carrying = { [CARRIER]?: TraceCarrier };

/** Returns a shallow copy of `payload` that carries `carrier` to the service. */
export function withCarrier<T>(payload: T, carrier: TraceCarrier): T {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  const copy = { ...payload } as T & Carrying;
  Object.defineProperty(copy, CARRIER, { value: carrier, enumerable: false });
  return copy;
}

function carrierOf(payload: unknown): TraceCarrier | undefined {
  return payload !== null && typeof payload === 'object' ? (payload as Carrying)[CARRIER] : undefined;
}

/** Client side: moves the payload's carrier into the packet. */
export class TracingSerializer {
  serialize(packet: Packet): Packet {
    const carrier = carrierOf(packet.data);
    return carrier ? { ...packet, trace: carrier } : packet;
  }
}

/** Server side: puts the packet's carrier back on the payload for `RpcTracingInterceptor`. */
export class TracingDeserializer {
  deserialize(value: Packet): Packet {
    if (!value || value.pattern === undefined) return { pattern: undefined, data: undefined };
    const { trace, ...packet } = value;
    if (trace && packet.data !== null && typeof packet.data === 'object') {
      Object.defineProperty(packet.data, CARRIER, { value: trace, enumerable: false });
    }
    return packet;
  }
}

const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * Each message handled by a service is a unit of work: a server span (the child of the
 * caller's), and log lines carrying the trace, the request id and, when the payload names
 * them, the tenant, user and order. A debug line records each call and its duration.
 */
@Injectable()
export class RpcTracingInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Rpc');

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'rpc') return next.handle();
    const rpc = execution.switchToRpc();
    const data = rpc.getData<Record<string, unknown> | undefined>();
    const pattern = String((rpc.getContext<{ getPattern?: () => string }>().getPattern?.() ?? 'rpc'));
    const unit = beginWork(`rpc ${pattern}`, SpanKind.SERVER, carrierOf(data), {
      tenant_id: text(data?.['tenant_id']),
      user_id: text(data?.['user_id']),
      order_id: text(data?.['order_id']),
    }, { 'rpc.system': 'nest-tcp', 'rpc.method': pattern });
    const started = performance.now();
    return new Observable((subscriber) => {
      const done = (error?: unknown) => {
        finish(unit.span, error);
        context.with(unit.context, () => this.logger.debug(`${pattern} ${error === undefined ? 'ok' : 'failed'} in ${(performance.now() - started).toFixed(1)} ms`));
      };
      const subscription = context.with(unit.context, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            done(error);
            subscriber.error(error);
          },
          complete: () => {
            done();
            subscriber.complete();
          },
        }),
      );
      return () => subscription.unsubscribe();
    });
  }
}
