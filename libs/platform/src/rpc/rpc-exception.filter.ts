import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { AppError, ErrorCode, RpcErrorPayload } from '@phoenix/contracts';
import { randomUUID } from 'node:crypto';
import { Observable, throwError } from 'rxjs';

/**
 * Turns whatever a message handler throws into the wire error payload. Expected failures
 * keep their code; anything else is logged with an id and reported as INTERNAL.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, _host: ArgumentsHost): Observable<RpcErrorPayload> {
    if (exception instanceof AppError) return throwError(() => exception.toPayload());
    const errorId = randomUUID();
    this.logger.error({ err: exception, error_id: errorId }, 'Unhandled error in message handler');
    return throwError(() => ({ code: ErrorCode.Internal, message: `Internal error (id ${errorId})`, error_id: errorId }));
  }
}
