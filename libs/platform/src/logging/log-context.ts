import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

/**
 * Which logger a line goes to. Nest's `Logger` (what `new Logger('Context')` writes through,
 * in our code and in Nest's) has one static instance per process, and nestjs-pino kept its
 * root logger in module state: with several apps in one process (the standalone), every line
 * written after start-up went out under the name of one of them. So the logger is chosen per
 * unit of work instead: `runAsApp` gives an app's start-up its own context, which everything it
 * starts (listeners, loops, consumers, timers) carries on, and a request being served adds its
 * own logger on top. Hand-written for that reason: nestjs-pino has one root per process.
 */
export interface LogContext {
  /** The app whose work this is: its root logger, set once its logging module is built. */
  readonly app: AppLogs;
  /** The request being served: its logger carries the request's fields. */
  readonly request?: { readonly logger: Logger };
}

export interface AppLogs {
  root: Logger | undefined;
}

interface LogState {
  storage: AsyncLocalStorage<LogContext>;
  /** For lines outside any app's work (and apps built outside `runAsApp`, as in tests): the first root built. */
  fallback: Logger | undefined;
}

// Shared through globalThis, like the shutdown sequence: every bundle of a process must see the
// contexts the others set.
const STATE_KEY = Symbol.for('phoenix.log-context');

function state(): LogState {
  const holder = globalThis as unknown as Record<symbol, LogState | undefined>;
  return (holder[STATE_KEY] ??= { storage: new AsyncLocalStorage(), fallback: undefined });
}

/** Runs an app's start in a context of its own: the app's lines go to the root its logging module registers. */
export function runAsApp<T>(start: () => T): T {
  return state().storage.run({ app: { root: undefined } }, start);
}

/** The current context, to run work handed over from another app in (see `runInLogContext`). */
export function currentLogContext(): LogContext | undefined {
  return state().storage.getStore();
}

/** Runs `work` in `context` (none: as it is): a handler called in-process for another app logs as its own app. */
export function runInLogContext<T>(context: LogContext | undefined, work: () => T): T {
  return context ? state().storage.run(context, work) : work();
}

/** Runs a request's handling with its logger on top of the current app's. */
export function runAsRequest<T>(request: { readonly logger: Logger }, work: () => T): T {
  const current = state().storage;
  return current.run({ app: current.getStore()?.app ?? { root: undefined }, request }, work);
}

/** The logger of the request being served, if any. */
export function currentRequestLogger(): Logger | undefined {
  return state().storage.getStore()?.request?.logger;
}

/** Called by the logging module: `root` becomes the current app's logger (the first one built, outside any app). */
export function registerAppRoot(root: Logger): void {
  const current = state();
  const app = current.storage.getStore()?.app;
  if (app && !app.root) app.root = root;
  current.fallback ??= root;
}

let unconfigured: Logger | undefined;

/** Where a line written now goes. */
export function currentLogger(): Logger {
  const current = state();
  const context = current.storage.getStore();
  return context?.request?.logger ?? context?.app.root ?? current.fallback ?? (unconfigured ??= pino({ level: 'info' }));
}

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's logger interface over `currentLogger()`, in nestjs-pino's line shape: the last
 * optional parameter is the context, an object message is merged into the line, an Error
 * becomes `err`.
 */
export class AppLogger implements LoggerService {
  verbose(message: unknown, ...params: unknown[]): void {
    write('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    write('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    write('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    write('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    write('fatal', message, params);
  }
}

function write(level: Level, message: unknown, optional: unknown[]): void {
  const logger = currentLogger();
  if (!logger.isLevelEnabled(level)) return;
  const fields: Record<string, unknown> = {};
  let params = optional;
  if (optional.length > 0) {
    fields['context'] = optional[optional.length - 1];
    params = optional.slice(0, -1);
  }
  if (message instanceof Error) {
    fields['err'] = message;
    logger[level](fields, ...(params as []));
  } else if (typeof message === 'object' && message !== null) {
    logger[level](Object.assign(fields, message), ...(params as []));
  } else if (level === 'error' && typeof message === 'string' && params.length === 1 && isStack(params[0])) {
    // Nest's exception handlers pass (message, stack, context).
    const err = new Error(message);
    err.stack = params[0];
    fields['err'] = err;
    logger[level](fields);
  } else {
    logger[level](fields, String(message), ...(params as []));
  }
}

function isStack(value: unknown): value is string {
  return typeof value === 'string' && /\n\s*at /.test(value);
}
