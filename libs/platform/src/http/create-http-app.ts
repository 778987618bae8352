import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Socket } from 'node:net';
import type { HttpServerConfig } from '../config/config';
import { AppLogger } from '../logging/log-context';
import { RequestLogging, logRequests } from '../logging/request-logging';
import { Metrics } from '../metrics/metrics';
import { ReadinessRegistry } from '../health/health';
import { exposedListeners } from '../rpc/in-process-rpc';
import { OpsServer, startOpsServer } from './ops-routes';
import { CorsPolicy, answerCors } from './cors';
import { DocsOptions, setupDocs } from './docs';
import { closeConnectionsOnShutdown } from './graceful-close';
import { clientErrorBody } from './http-errors';
import { HttpExceptionFilter } from './http-exception.filter';
import { strictJsonParser } from './json-body';
import { answerWrongMethods } from './method-not-allowed';
import { requestIdOf, traceRequests } from './http-tracing';
import { DEFAULT_HTTP_SERVER_LIMITS, capConnectionsPerAddress, serverTimeouts } from './http-server-limits';

export interface HttpAppOptions {
  bodyLimitBytes?: number;
  /**
   * Proxies (addresses, CIDR ranges, `loopback`…) whose X-Forwarded-For is believed for the
   * client address (`request.ip`); none: the socket's peer is the client.
   */
  trustedProxies?: readonly string[];
  /** Timeouts and the per-address connection cap (an app passes its config); the defaults otherwise. */
  limits?: HttpServerConfig;
  /**
   * Which browser origins may call the app (made once the app exists, so it may use its
   * providers); none: every CORS preflight is refused (cors.ts).
   */
  cors?: (app: NestFastifyApplication) => CorsPolicy;
  /** Called before listen: docs, anything that needs the configured app. */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * Every HTTP edge of the platform is built here: Fastify, our error shape for errors raised by
 * handlers, by Fastify itself (malformed JSON, oversize bodies) and by Node's HTTP parser
 * (oversize headers), the raw body kept for signature checks, pino logging, request tracing
 * and metrics, CORS, and 405 with `Allow` for a known path asked with another method.
 */
export async function createHttpApp(module: Type<unknown> | DynamicModule, options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  const bodyLimit = options.bodyLimitBytes ?? 1_048_576;
  const limits = options.limits ?? DEFAULT_HTTP_SERVER_LIMITS;
  const adapter = new FastifyAdapter({
    bodyLimit,
    ...serverTimeouts(limits),
    // Path parameters are validated (and bounded) by the route's schema, with a 400.
    routerOptions: { maxParamLength: 1_000, ignoreDuplicateSlashes: true },
    // Anyone can send X-Forwarded-For: it names the client only when a trusted proxy adds it.
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
    clientErrorHandler: answerClientError,
    // The caller's X-Request-Id, or a new UUID: the request id of every log line and of the response.
    genReqId: requestIdOf,
    // Unknown JSON properties such as __proto__ are rejected by the parser, not silently kept.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
    rawBody: true,
    abortOnError: false,
  });
  app.useLogger(new AppLogger());
  app.useGlobalFilters(new HttpExceptionFilter());

  const fastify = app.getHttpAdapter().getInstance();
  // JSON only, and strictly: valid UTF-8, no prototype poisoning, bounded nesting. Registering
  // it here also keeps Nest from adding its form-urlencoded parser (such bodies get a 415).
  app.useBodyParser('application/json', { bodyLimit }, strictJsonParser(fastify.getDefaultJsonParser('error', 'error')));
  // The API speaks JSON only: anything else is a 415, not a string handed to validation.
  fastify.removeContentTypeParser('text/plain');
  closeConnectionsOnShutdown(fastify);
  traceRequests(fastify, app.get(Metrics));
  logRequests(fastify, app.get(RequestLogging));
  answerCors(fastify, options.cors?.(app));
  answerWrongMethods(fastify);
  const refused = app.get(Metrics).counter('http_connections_refused_total', 'Connections closed at once: their address already held HTTP_MAX_CONNECTIONS_PER_IP', []);
  capConnectionsPerAddress(fastify.server, limits.HTTP_MAX_CONNECTIONS_PER_IP, () => refused.inc());

  await options.configure?.(app);
  return app;
}

/**
 * Fastify's own answer to a request the HTTP parser refused lacks our `code`; this one has the
 * one error shape. Like Fastify's, it writes the response on the socket and closes it.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = clientErrorBody(error);
  const payload = JSON.stringify(body);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  // end(), then destroy once it is written: destroying at once may drop the answer unsent.
  socket.end(
    `HTTP/1.1 ${body.statusCode} ${body.error}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
    () => socket.destroy(),
  );
}

export async function listen(app: INestApplication, port: number, host: string): Promise<string> {
  await app.listen(port, host);
  const url = await app.getUrl();
  return url.replace('[::1]', 'localhost');
}

export interface GatewayAppOptions extends HttpAppOptions {
  app: 'query-gateway' | 'admin-gateway';
  host: string;
  /** The public port: the API (and the docs when `docsPublic`). */
  port: number;
  /** The operations port: `/health/*` and `/metrics`, never on the public port. */
  opsPort: number;
  /** Serve `/docs` and `/docs-json` on the public port (DOCS_PUBLIC). */
  docsPublic: boolean;
  docs: DocsOptions;
}

/**
 * A gateway: the HTTP app on its public port, with its OpenAPI docs on /docs when they are
 * public, and its health and metrics on the operations port (in a standalone only when that
 * port was asked for), which closes after the public one.
 */
export async function startGatewayApp(module: Type<unknown> | DynamicModule, options: GatewayAppOptions): Promise<NestFastifyApplication> {
  const app = await createHttpApp(module, {
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.cors ? { cors: options.cors } : {}),
    configure: async (nest) => {
      await options.configure?.(nest);
      if (options.docsPublic) setupDocs(nest, options.docs);
    },
  });
  let ops: OpsServer | undefined;
  // Probes go on answering (unready) while the public port drains and closes.
  app.getHttpAdapter().getInstance().addHook('onClose', async () => ops?.close());
  await listen(app, options.port, options.host);
  // Opened last, so a ready answer means the public port takes requests too.
  if (exposedListeners(options.app).ops) {
    ops = await startOpsServer(
      { host: options.host, port: options.opsPort, limits: options.limits ?? DEFAULT_HTTP_SERVER_LIMITS },
      { readiness: app.get(ReadinessRegistry), metrics: app.get(Metrics) },
    );
  }
  return app;
}
