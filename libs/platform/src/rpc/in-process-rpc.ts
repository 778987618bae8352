import { BaseRpcContext, ClientProxy, CustomTransportStrategy, ReadPacket, Server, WritePacket } from '@nestjs/microservices';
import { NO_MESSAGE_HANDLER } from '@nestjs/microservices/constants';
import type { ServiceName } from './service-clients';
import type { InFlightMessages } from './rpc-drain';
import type { TracingDeserializer } from './rpc-tracing';
import { currentLogContext, runInLogContext } from '../logging/log-context';
import { RouteCache } from './route-cache';

/**
 * In standalone mode the services and the gateways run in one process, so their calls need no
 * socket: a service registers here and the clients hand it their packets.
 *
 * What crosses is still JSON text, exactly what the TCP transport writes: handlers must not
 * share mutable objects with their callers, and a payload must mean the same in both
 * run modes (dates become strings, `undefined` fields vanish): the arrival validation of every
 * message (STYLE.md §3) then sees what it sees behind TCP.
 */
interface InProcessEndpoint {
  /** Handles one serialised packet; `reply` gets each serialised response packet. */
  dispatch(message: string, reply: (message: string) => void): void;
}

/** Which of an app's own listeners a standalone still opens: only those whose port was asked for. */
export interface ExposedListeners {
  /** A service's TCP RPC listener, for processes outside (a gateway started beside the standalone). */
  rpc: boolean;
  /** The operations port: health and metrics. */
  ops: boolean;
}

/** The apps whose listeners a standalone opens on request: the services' RPC and every app's operations port. */
export type ListeningApp = ServiceName | 'query-gateway' | 'admin-gateway';

interface InProcessRpcRegistry {
  endpoints: Map<string, InProcessEndpoint>;
  exposed: Partial<Record<ListeningApp, ExposedListeners>>;
}

// Shared through globalThis, like the shutdown sequence and the in-process bus: every app
// of the process must find the same registry, whichever build it was loaded from.
const REGISTRY_KEY = Symbol.for('phoenix.in-process-rpc');

function registry(): InProcessRpcRegistry | undefined {
  return (globalThis as unknown as Record<symbol, InProcessRpcRegistry | undefined>)[REGISTRY_KEY];
}

/**
 * Called by the standalone launcher before it loads the app bundles: from then on services
 * take calls in-process and open only the listeners named in `exposed`, and clients call them
 * in-process.
 */
export function enableInProcessRpc(exposed: Partial<Record<ListeningApp, ExposedListeners>>): void {
  (globalThis as unknown as Record<symbol, InProcessRpcRegistry>)[REGISTRY_KEY] = { endpoints: new Map(), exposed };
}

export function inProcessRpcEnabled(): boolean {
  return registry() !== undefined;
}

/** The listeners an app opens: all of them outside standalone. */
export function exposedListeners(app: ListeningApp): ExposedListeners {
  const current = registry();
  if (!current) return { rpc: true, ops: true };
  return current.exposed[app] ?? { rpc: false, ops: false };
}

const IN_PROCESS = Symbol.for('phoenix.rpc.in-process');

class InProcessContext extends BaseRpcContext<[string]> {
  /** Read by `RpcTracingInterceptor`, as on `TcpContext`. */
  getPattern(): string {
    return this.args[0];
  }
}

/**
 * A service's side: registered under the service's name while it runs. On close it takes no
 * new message (the in-flight interceptor answers UNAVAILABLE, as on an open TCP connection),
 * lets those being handled finish, then leaves the registry, so later calls find nobody, like
 * a closed port.
 */
export class InProcessRpcServer extends Server implements CustomTransportStrategy {
  override transportId = IN_PROCESS;
  private readonly routes = new RouteCache();

  constructor(
    private readonly service: ServiceName,
    private readonly inFlight: InFlightMessages,
    private readonly packets: TracingDeserializer,
  ) {
    super();
    this.initializeSerializer({});
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    const current = registry();
    if (!current) return callback(new Error('in-process RPC is not enabled in this process'));
    // A call is handled in this service's log context, not its caller's: its lines carry this app's name.
    const logs = currentLogContext();
    current.endpoints.set(this.service, {
      dispatch: (message, reply) => runInLogContext(logs, () => void this.handle(message, reply).catch((error: unknown) => this.handleError(String(error)))),
    });
    callback();
  }

  async close(): Promise<void> {
    await this.inFlight.drain();
    // A reply is sent on the tick after its handler completes.
    await new Promise((resolve) => setImmediate(resolve));
    registry()?.endpoints.delete(this.service);
  }

  protected override getRouteFromPattern(pattern: string): string {
    return this.routes.route(pattern, (p) => super.getRouteFromPattern(p), (route) => this.messageHandlers.has(route));
  }

  on(): void {
    // No transport events: nothing connects or disconnects.
  }

  unwrap<T>(): T {
    throw new Error('The in-process transport has no underlying server');
  }

  /** What ServerTCP does with one message, minus the socket. */
  private async handle(message: string, reply: (message: string) => void): Promise<void> {
    const packet = this.packets.deserialize(JSON.parse(message));
    const pattern = this.getPatternAsString(packet.pattern);
    const context = new InProcessContext([pattern]);
    const id = packet.id;
    if (id === undefined) return this.handleEvent(pattern, { pattern, data: packet.data }, context);
    const respond = (data: object) => reply(JSON.stringify(this.serializer.serialize({ ...data, id })));
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) return respond({ status: 'error', err: NO_MESSAGE_HANDLER });
    return this.onProcessingStartHook(this.transportId, context, async () => {
      const response$ = this.transformToObservable(await handler(packet.data, context));
      if (!response$) return;
      this.send(response$, (data) => {
        this.onProcessingEndHook?.(this.transportId, context);
        respond(data);
      });
    });
  }
}

/**
 * A client's side. A service that is not (or no longer) registered fails the call the way a
 * refused connection does, so callers see the same UNAVAILABLE as behind TCP.
 */
export class InProcessClientProxy extends ClientProxy {
  constructor(
    private readonly service: string,
    serializer: ClientProxy['serializer'],
  ) {
    super();
    this.serializer = serializer;
    this.initializeDeserializer({});
  }

  async connect(): Promise<void> {
    // Nothing to connect: each call looks the service up.
  }

  close(): void {
    // Nothing held open.
  }

  unwrap<T>(): T {
    throw new Error('The in-process transport has no underlying client');
  }

  protected publish(partial: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const endpoint = registry()?.endpoints.get(this.service);
    if (!endpoint) {
      callback({ err: new Error(`${this.service} is not running in this process`), isDisposed: true });
      return () => undefined;
    }
    const packet = this.assignPacketId(partial);
    let listening = true;
    endpoint.dispatch(JSON.stringify(this.serializer.serialize(packet)), (message) => {
      if (listening) callback(this.deserializer.deserialize(JSON.parse(message)) as WritePacket);
    });
    return () => {
      listening = false;
    };
  }

  protected async dispatchEvent<T = undefined>(packet: ReadPacket): Promise<T> {
    const endpoint = registry()?.endpoints.get(this.service);
    if (!endpoint) throw new Error(`${this.service} is not running in this process`);
    endpoint.dispatch(JSON.stringify(this.serializer.serialize(packet)), () => undefined);
    return undefined as T;
  }
}
