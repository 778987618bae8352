import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Observable } from 'rxjs';
import { RpcErrorFilter } from '../rpc/rpc-exception.filter';
import { toHttpError } from './http-errors';

/** Retry-After of a 503: about the time a restarting service takes to answer again. */
export const UPSTREAM_RETRY_AFTER_SECONDS = 2;

/**
 * The app-wide exception filter. A service app serves HTTP (probes, metrics) and messages on
 * one Nest application, so the filter answers in the shape of the transport at hand.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');
  private readonly rpc = new RpcErrorFilter();

  catch(exception: unknown, host: ArgumentsHost): void | Observable<unknown> {
    if (host.getType() === 'rpc') return this.rpc.catch(exception, host);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const mapped = toHttpError(exception);
    if (mapped.unexpected) {
      this.logger.error({ err: mapped.unexpected, error_id: mapped.body.error_id }, 'Unhandled error');
    }
    // A service down or busy: the client may come back shortly (documented on every 503).
    if (mapped.body.statusCode === 503) void reply.header('retry-after', String(UPSTREAM_RETRY_AFTER_SECONDS));
    void reply.status(mapped.body.statusCode).send(mapped.body);
  }
}
