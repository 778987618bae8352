import { Logger } from '@nestjs/common';
import type { z } from 'zod';
import { loadConfig } from '../config/config';
import { runAsApp } from '../logging/log-context';
import { traceSettings } from '../observability/trace-settings';
import { initTracing } from '../observability/tracing';

export interface Closeable {
  close(): Promise<void>;
}

export interface RunningApp {
  name: string;
  close(): Promise<void>;
}

interface Runtime {
  apps: RunningApp[];
  shuttingDown: boolean;
  shutdownTimeoutMs: number;
  drainMs: number;
  /** Set by `gateAppStarts`: what an app waits for before it starts. */
  startGate?: (app: string) => Promise<void>;
}

// Shared through globalThis: in standalone mode several app bundles live in one process and
// must share one shutdown sequence.
const RUNTIME_KEY = Symbol.for('phoenix.runtime');

function runtime(): Runtime {
  const holder = globalThis as unknown as Record<symbol, Runtime | undefined>;
  let current = holder[RUNTIME_KEY];
  if (!current) {
    current = { apps: [], shuttingDown: false, shutdownTimeoutMs: 10_000, drainMs: 0 };
    holder[RUNTIME_KEY] = current;
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  }
  return current;
}

/** Registers something to close on shutdown; the last registered closes first. */
export function registerCloseable(name: string, closeable: Closeable): RunningApp {
  const app: RunningApp = { name, close: () => closeable.close() };
  runtime().apps.push(app);
  return app;
}

export function setShutdownTimeout(ms: number): void {
  runtime().shutdownTimeoutMs = ms;
}

/** True from the moment SIGTERM/SIGINT arrives: readiness turns 503 before anything closes. */
export function isShuttingDown(): boolean {
  return runtime().shuttingDown;
}

/** What every app's config holds, at least. */
type AppConfigSchema = z.ZodType<{ SHUTDOWN_TIMEOUT_MS: number; SHUTDOWN_DRAIN_MS: number; OTEL_SERVICE_NAME?: string | undefined }>;

/**
 * Starts an app with its validated config and ties it into the process's shutdown: SIGTERM or
 * SIGINT closes every app of the process in reverse start order, and the process exits 0 (1
 * past the config's SHUTDOWN_TIMEOUT_MS). A failed start is fatal: the error is printed and
 * the process exits 1.
 */
export async function runApp<S extends AppConfigSchema>(
  name: string,
  schema: S,
  start: (config: z.output<S>) => Promise<Closeable>,
): Promise<RunningApp> {
  const gate = runtime().startGate;
  // Its lines go out under its own name, also when other apps share the process (log-context.ts).
  return runAsApp(async () => {
    if (gate) await gate(name);
    return startApp(name, schema, start);
  });
}

/**
 * From now on, an app of this process that is loaded (its `runApp` called) waits for
 * `gate(app)` before it reads its config and starts. The standalone loads every app's code this
 * way while its embedded Postgres is still starting, then opens the gates one app at a time.
 */
export function gateAppStarts(gate: (app: string) => Promise<void>): void {
  runtime().startGate = gate;
}

async function startApp<S extends AppConfigSchema>(
  name: string,
  schema: S,
  start: (config: z.output<S>) => Promise<Closeable>,
): Promise<RunningApp> {
  try {
    const config = loadConfig(name, schema);
    setShutdownTimeout(config.SHUTDOWN_TIMEOUT_MS);
    runtime().drainMs = config.SHUTDOWN_DRAIN_MS;
    // The OTEL_* variables are validated by the config schema; trace-settings.ts says how they combine.
    const tracing = initTracing({ serviceName: config.OTEL_SERVICE_NAME ?? name, settings: traceSettings(process.env) });
    // Registered first, so it closes last: spans of the shutdown itself are flushed too.
    registerCloseable(`${name} tracing`, tracing);
    return registerCloseable(name, await start(config));
  } catch (error) {
    // A config error's message is complete; anything else gets its stack.
    const text = error instanceof Error && error.name === 'ConfigError' ? error.message : error;
    console.error(`[${name}] failed to start:`, text);
    process.exit(1);
  }
}

/**
 * The graceful stop: readiness turns 503 at once; after SHUTDOWN_DRAIN_MS (time for load
 * balancers to notice) each app closes, the last started first. An app's close stops its
 * listeners, lets in-flight requests and messages finish, stops its loops and consumers and
 * closes its pools (see `startServiceApp` and the apps' shutdown hooks). SHUTDOWN_TIMEOUT_MS
 * bounds all of it, drain included.
 */
export async function shutdown(signal: string): Promise<void> {
  const state = runtime();
  if (state.shuttingDown) return;
  state.shuttingDown = true;
  const started = Date.now();
  const logger = new Logger('Shutdown');
  logger.log(`${signal} received: draining ${state.drainMs} ms, then closing ${state.apps.length} app(s)`);
  const deadline = setTimeout(() => {
    logger.error(`Shutdown exceeded ${state.shutdownTimeoutMs} ms; exiting`);
    process.exit(1);
  }, state.shutdownTimeoutMs);
  deadline.unref();
  if (state.drainMs > 0) await new Promise((resolve) => setTimeout(resolve, state.drainMs));
  for (const app of [...state.apps].reverse()) {
    const closing = Date.now();
    try {
      await app.close();
      logger.log(`Closed ${app.name} in ${Date.now() - closing} ms`);
    } catch (error) {
      logger.error({ err: error }, `Closing ${app.name} failed`);
    }
  }
  clearTimeout(deadline);
  logger.log(`Closed in ${Date.now() - started} ms`);
  process.exit(0);
}
