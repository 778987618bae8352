import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LevelWithSilent, Logger } from 'pino';
import { requestIdOf } from '../http/http-tracing';
import { runAsRequest } from './log-context';

/** What a request's log lines are made of; `loggingModule` provides it as `RequestLogging`. */
export class RequestLogging {
  constructor(
    readonly root: Logger,
    /** The level of the line written when a response is finished ('silent': none). */
    readonly responseLevel: (status: number, err: unknown) => LevelWithSilent,
    /** Fields of the request's unit of work (ids, trace id), read when a line is written. */
    readonly requestFields: (req: IncomingMessage) => object,
  ) {}

  /** The logger of a request's lines: its `req` (id, method, url) and its unit of work's fields. */
  loggerOf(req: IncomingMessage): Logger {
    return this.root.child({ req: { id: (req as { id?: unknown }).id, method: req.method, url: req.url } }).child(this.requestFields(req));
  }
}

/**
 * A request's logging (what the lines written while it is served go through, see
 * log-context.ts) with its logger built on first use: most requests write no line at all, and
 * building it serialises and redacts its bindings.
 */
class LazyRequestStore {
  private built: Logger | undefined;

  constructor(
    private readonly logging: RequestLogging,
    private readonly req: IncomingMessage,
    readonly res: ServerResponse,
    /** When the request arrived (ms), for the `responseTime` of its access line. */
    readonly startedAt: number,
  ) {}

  get logger(): Logger {
    return (this.built ??= this.logging.loggerOf(this.req));
  }
}

const STORE = Symbol('phoenix.request-log');
type Logged = IncomingMessage & { id?: string; [STORE]?: LazyRequestStore };

/**
 * The request logging pino-http did as a Nest middleware, as Fastify hooks: a request's lines go
 * through its own logger (see log-context.ts), and when it is finished one line is written at
 * `responseLevel`, in pino-http's shape (`req`, `res`, `responseTime`, "request completed";
 * "request errored" with `err` from 500 on), only when that level is written.
 */
export function logRequests(fastify: FastifyInstance, logging: RequestLogging): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw as Logged;
    raw.id ??= requestIdOf(raw);
    const store = new LazyRequestStore(logging, raw, reply.raw, Date.now());
    raw[STORE] = store;
    runAsRequest(store, done);
  });
  fastify.addHook('onResponse', (request, _reply, done) => {
    logFinished(logging, request.raw as Logged);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    logFinished(logging, request.raw as Logged);
    done();
  });
}

function logFinished(logging: RequestLogging, req: Logged): void {
  const store = req[STORE];
  if (!store) return;
  const res = store.res;
  // Once per request, whichever of finish and abort comes first.
  req[STORE] = undefined;
  const status = res.statusCode;
  const level = logging.responseLevel(status, undefined);
  if (level === 'silent') return;
  const answered = { statusCode: res.headersSent ? status : null };
  const responseTime = Date.now() - store.startedAt;
  const log = logging.loggerOf(req);
  if (status >= 500) {
    log[level]({ res: answered, err: new Error(`failed with status code ${status}`), responseTime }, 'request errored');
    return;
  }
  log[level]({ res: answered, responseTime }, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
}
