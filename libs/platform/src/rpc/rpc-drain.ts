import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ServerTCP, TcpOptions } from '@nestjs/microservices';
import { AppError, ErrorCode } from '@phoenix/contracts';
import { Observable, finalize, throwError } from 'rxjs';
import { RouteCache } from './route-cache';

/** The messages a service is handling now, and whether it still takes new ones. */
export class InFlightMessages {
  private count = 0;
  private accepting = true;
  private readonly waiters: Array<() => void> = [];

  /** Counts a message in; false once the service is closing (the message is then refused). */
  enter(): boolean {
    if (!this.accepting) return false;
    this.count += 1;
    return true;
  }

  leave(): void {
    this.count -= 1;
    if (this.count === 0) this.waiters.splice(0).forEach((resolve) => resolve());
  }

  /** Refuses new messages from now on; resolves once those being handled are done. */
  drain(): Promise<void> {
    this.accepting = false;
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/**
 * Counts every message handler run (from its first interceptor to its reply) and, once the
 * service is closing, answers new messages UNAVAILABLE without running them: the gateways
 * turn that into a 503 the client may retry, on another replica or after the restart.
 */
@Injectable()
export class InFlightInterceptor implements NestInterceptor {
  constructor(private readonly inFlight: InFlightMessages) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    if (!this.inFlight.enter()) return throwError(() => new AppError(ErrorCode.Unavailable, 'The service is shutting down'));
    return next.handle().pipe(finalize(() => this.inFlight.leave()));
  }
}

/**
 * Nest's TCP transport with a graceful close. Nest's own close destroys every open socket at
 * once, so replies of messages still being handled are lost while their handlers go on
 * against pools that are about to close. Here the listener stops first, messages already
 * being handled finish and are answered, and only then are the connections ended.
 */
export class DrainingTcpServer extends ServerTCP {
  constructor(
    tcpOptions: Required<TcpOptions>['options'],
    private readonly inFlight: InFlightMessages,
  ) {
    super(tcpOptions);
  }

  private readonly routes = new RouteCache();

  protected override getRouteFromPattern(pattern: string): string {
    return this.routes.route(pattern, (p) => super.getRouteFromPattern(p), (route) => this.messageHandlers.has(route));
  }

  override async close(): Promise<void> {
    this.isManuallyTerminated = true;
    this.server.close();
    await this.inFlight.drain();
    // A reply is written on the tick after its handler completes.
    await new Promise((resolve) => setImmediate(resolve));
    for (const socket of this.openSockets) socket.end(() => socket.destroy());
    this.openSockets.clear();
    this.pendingEventListeners = [];
  }
}
