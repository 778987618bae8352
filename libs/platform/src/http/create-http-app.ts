import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { HttpServerConfig } from '../config/config';
import { Metrics } from '../metrics/metrics';
import { DocsOptions, setupDocs } from './docs';
import { closeConnectionsOnShutdown } from './graceful-close';
import { HttpExceptionFilter } from './http-exception.filter';
import { requestIdOf, traceRequests } from './http-tracing';
import { DEFAULT_HTTP_SERVER_LIMITS, capConnectionsPerAddress, serverTimeouts } from './http-server-limits';

export interface HttpAppOptions {
  bodyLimitBytes?: number;
  /** Timeouts and the per-address connection cap (an app passes its config); the defaults otherwise. */
  limits?: HttpServerConfig;
  /** Called before listen: CORS, docs, anything that needs the configured app. */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * Every HTTP edge of the platform is built here: Fastify, our error shape for errors raised
 * by Fastify itself (malformed JSON, oversize bodies) as well as by handlers, the raw body
 * kept for signature checks, pino logging, request tracing and metrics.
 */
export async function createHttpApp(module: Type<unknown> | DynamicModule, options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  const limits = options.limits ?? DEFAULT_HTTP_SERVER_LIMITS;
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    ...serverTimeouts(limits),
    // Path parameters are validated (and bounded) by the route's schema, with a 400.
    routerOptions: { maxParamLength: 1_000, ignoreDuplicateSlashes: true },
    trustProxy: true,
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
  app.useLogger(app.get(PinoLogger));
  app.useGlobalFilters(new HttpExceptionFilter());

  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: anything else is a 415, not a string handed to validation.
  fastify.removeContentTypeParser('text/plain');
  closeConnectionsOnShutdown(fastify);
  traceRequests(fastify, app.get(Metrics));
  const refused = app.get(Metrics).counter('http_connections_refused_total', 'Connections closed at once: their address already held HTTP_MAX_CONNECTIONS_PER_IP', []);
  capConnectionsPerAddress(fastify.server, limits.HTTP_MAX_CONNECTIONS_PER_IP, () => refused.inc());

  await options.configure?.(app);
  return app;
}

export async function listen(app: INestApplication, port: number, host: string): Promise<string> {
  await app.listen(port, host);
  const url = await app.getUrl();
  return url.replace('[::1]', 'localhost');
}

export interface GatewayAppOptions extends HttpAppOptions {
  host: string;
  port: number;
  docs: DocsOptions;
}

/** A gateway: the HTTP app, its OpenAPI docs on /docs, listening. */
export async function startGatewayApp(module: Type<unknown> | DynamicModule, options: GatewayAppOptions): Promise<NestFastifyApplication> {
  const app = await createHttpApp(module, {
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    configure: async (nest) => {
      await options.configure?.(nest);
      setupDocs(nest, options.docs);
    },
  });
  await listen(app, options.port, options.host);
  return app;
}
