import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { levels, pino, type LevelWithSilent } from 'pino';
import type { IncomingMessage } from 'node:http';
import { currentLogBindings } from '../observability/tracing';
import { requestWork } from '../http/http-tracing';
import { RequestLogging } from './request-logging';

/** Header values that must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-phoenix-signature"]',
  'req.headers.cookie',
  '*.api_key',
  '*.jwt_secret',
  '*.hmac_secret',
  '*.webhook_secret',
  '*.password',
];

export interface LoggingOptions {
  app: string;
  level: string;
  pretty?: boolean;
}

/**
 * The level of the line pino-http writes when a response is finished, under a configured
 * level: 'silent' when the line would not be written anyway, so pino-http skips building it
 * (its bindings and objects), which is most of its cost on every successful request.
 */
export function responseLogLevel(configured: string): (status: number, err: unknown) => LevelWithSilent {
  const threshold = levels.values[configured] ?? levels.values['info']!;
  return (status, err) => {
    const level = err || status >= 500 ? 'error' : status >= 400 ? 'warn' : 'debug';
    return (levels.values[level] ?? 0) >= threshold ? level : 'silent';
  };
}

export function loggingModule(options: LoggingOptions): DynamicModule {
  const root = pino({
    name: options.app,
    level: options.level,
    base: { app: options.app },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Every line logged inside a unit of work (request, RPC call, event) carries its trace id,
    // request id and the tenant, user and order it concerns, once known. The line written when
    // a response is finished is outside of it and gets them from the request.
    mixin: (merge: object) => ('res' in merge ? {} : currentLogBindings()),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  const requestLogging = new RequestLogging(root, responseLogLevel(options.level), (req: IncomingMessage) => {
    const work = requestWork(req);
    return work ? { ...work.fields, trace_id: work.span.spanContext().traceId } : {};
  });
  const module = LoggerModule.forRoot({
    // nestjs-pino's Logger writes through this logger; requests are logged by Fastify hooks
    // (logRequests, registered by createHttpApp), so it adds no middleware of its own.
    pinoHttp: { logger: root },
    forRoutes: [],
  });
  return {
    ...module,
    providers: [...(module.providers ?? []), { provide: RequestLogging, useValue: requestLogging }],
    exports: [...(module.exports ?? []), RequestLogging],
  };
}
