import { DynamicModule, Global, Module } from '@nestjs/common';
import { levels, pino, type LevelWithSilent, type Logger, type LoggerOptions } from 'pino';
import type { IncomingMessage } from 'node:http';
import { currentLogBindings } from '../observability/tracing';
import { requestWork } from '../http/http-tracing';
import { registerAppRoot } from './log-context';
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
  '*.secret',
  '*.previous_secret',
  '*.signing_secret',
  '*.SECRETS_KEY',
  '*.SECRETS_KEYS_OLD',
  '*.password',
];

export interface LoggingOptions {
  app: string;
  level: string;
  /** Coloured single lines (LOG_FORMAT=pretty) instead of JSON lines. */
  pretty?: boolean;
  /** Where the lines go; standard output unless a test gives another. */
  destination?: NodeJS.WritableStream;
}

/**
 * The level of the line written when a response is finished (see logRequests), under a configured
 * level: 'silent' when the line would not be written anyway, so nothing of it is built
 * (its bindings and objects), which is most of its cost on every successful request.
 */
export function responseLogLevel(configured: string): (status: number, err: unknown) => LevelWithSilent {
  const threshold = levels.values[configured] ?? levels.values['info']!;
  return (status, err) => {
    // A 4xx is the client's mistake, expected in normal running (a wrong key, a refused
    // purchase): info, so warn and above stay for what an operator must look at.
    const level = err || status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug';
    return (levels.values[level] ?? 0) >= threshold ? level : 'silent';
  };
}

/** An app's root logger: its name on every line, secrets redacted, the unit of work's fields mixed in. */
export function rootLogger(options: LoggingOptions): Logger {
  const settings: LoggerOptions = {
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
  };
  if (options.pretty) return pino(settings, prettyStream(options.destination));
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/**
 * Coloured single lines for a person at a terminal: time, level, the app, the message, then the
 * line's fields. pino-pretty in this thread (not as a pino transport, whose worker thread would
 * add to every start), loaded only when asked for.
 */
function prettyStream(destination: NodeJS.WritableStream | undefined): NodeJS.WritableStream {
  const pretty = require('pino-pretty') as typeof import('pino-pretty');
  return pretty.build({
    colorize: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,name,app',
    messageFormat: '[{app}] {msg}',
    destination: destination ?? 1,
    sync: true,
  });
}

export function loggingModule(options: LoggingOptions): DynamicModule {
  const root = rootLogger(options);
  const requestLogging = new RequestLogging(root, responseLogLevel(options.level), (req: IncomingMessage) => {
    const work = requestWork(req);
    return work ? { ...work.fields, trace_id: work.span.spanContext().traceId } : {};
  });
  // The app's own lines (Nest's Logger, ours and Nest's) go through this root (log-context.ts).
  registerAppRoot(root);
  return { module: LoggingModule, providers: [{ provide: RequestLogging, useValue: requestLogging }], exports: [RequestLogging] };
}

/** The app's logging: its request logging, for `createHttpApp`. */
@Global()
@Module({})
class LoggingModule {}
