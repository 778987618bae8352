import { Logger } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import {
  AppError,
  ErrorCode,
  MessagePattern,
  RequestOf,
  ResponseOf,
  isRpcErrorPayload,
} from '@phoenix/contracts';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import { SpanKind, currentCarrier, inSpan } from '../observability/tracing';
import { InProcessClientProxy, inProcessRpcEnabled } from './in-process-rpc';
import { TracingSerializer, withCarrier } from './rpc-tracing';

export interface ServiceEndpoint {
  name: string;
  host: string;
  port: number;
  timeoutMs: number;
}

/**
 * The service could not be reached at all (connection refused or lost: down or restarting),
 * as opposed to reached but not answering in time (busy). A caller may retry the first soon;
 * retrying the second soon only adds to the load that made it slow.
 */
export class ServiceUnreachableError extends AppError {
  constructor(service: string) {
    super(ErrorCode.UpstreamUnavailable, `${service} is unavailable`);
  }
}

/**
 * A typed request/response client for one service. The pattern decides both the payload
 * type and the result type (see `MessageMap` in the contracts lib). Errors come back as
 * AppErrors: the service's own (with its code), or UNAVAILABLE when it cannot be reached.
 */
export class ServiceClient {
  private readonly logger: Logger;
  private readonly proxy: ClientProxy;

  constructor(private readonly endpoint: ServiceEndpoint) {
    this.logger = new Logger(`ServiceClient:${endpoint.name}`);
    // In a standalone the service runs in this very process: no socket (the address is unused).
    this.proxy = inProcessRpcEnabled()
      ? new InProcessClientProxy(endpoint.name, new TracingSerializer())
      : ClientProxyFactory.create({
          transport: Transport.TCP,
          options: { host: endpoint.host, port: endpoint.port, serializer: new TracingSerializer() },
        });
  }

  /** `timeoutMs` overrides the endpoint's timeout for calls known to take long (bulk work). */
  async send<P extends MessagePattern>(pattern: P, request: RequestOf<P>, options: { timeoutMs?: number } = {}): Promise<ResponseOf<P>> {
    const limit = options.timeoutMs ?? this.endpoint.timeoutMs;
    // A client span per call; the service's span is its child.
    return inSpan(`rpc ${pattern}`, SpanKind.CLIENT, undefined, {}, async () => {
      const payload = withCarrier(request, currentCarrier());
      try {
        return await firstValueFrom(this.proxy.send<ResponseOf<P>, RequestOf<P>>(pattern, payload).pipe(timeout(limit)));
      } catch (error) {
        throw this.translate(pattern, error, limit);
      }
    });
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }

  private translate(pattern: string, error: unknown, limit: number): AppError {
    if (isRpcErrorPayload(error)) {
      // A service that cannot take the call (it is shutting down) is, to the caller, an upstream down.
      const own = AppError.fromPayload(error);
      return own.code === ErrorCode.Unavailable ? new AppError(ErrorCode.UpstreamUnavailable, own.message) : own;
    }
    if (error instanceof TimeoutError) {
      this.logger.warn(`${pattern} timed out after ${limit} ms`);
      return new AppError(ErrorCode.UpstreamUnavailable, `${this.endpoint.name} did not answer in time`);
    }
    this.logger.warn({ err: error }, `${pattern} failed to reach ${this.endpoint.name}`);
    return new ServiceUnreachableError(this.endpoint.name);
  }
}
