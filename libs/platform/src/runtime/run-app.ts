import { Logger } from '@nestjs/common';
import type { z } from 'zod';
import { loadConfig } from '../config/config';

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
}

// Shared through globalThis: in standalone mode several app bundles live in one process and
// must share one shutdown sequence.
const RUNTIME_KEY = Symbol.for('phoenix.runtime');

function runtime(): Runtime {
  const holder = globalThis as unknown as Record<symbol, Runtime | undefined>;
  let current = holder[RUNTIME_KEY];
  if (!current) {
    current = { apps: [], shuttingDown: false, shutdownTimeoutMs: 10_000 };
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

/**
 * Starts an app with its validated config and ties it into the process's shutdown: SIGTERM or
 * SIGINT closes every app of the process in reverse start order, and the process exits 0 (1
 * past the config's SHUTDOWN_TIMEOUT_MS). A failed start is fatal: the error is printed and
 * the process exits 1.
 */
export async function runApp<S extends z.ZodType<{ SHUTDOWN_TIMEOUT_MS: number }>>(
  name: string,
  schema: S,
  start: (config: z.output<S>) => Promise<Closeable>,
): Promise<RunningApp> {
  runtime();
  try {
    const config = loadConfig(name, schema);
    setShutdownTimeout(config.SHUTDOWN_TIMEOUT_MS);
    return registerCloseable(name, await start(config));
  } catch (error) {
    // A config error's message is complete; anything else gets its stack.
    const text = error instanceof Error && error.name === 'ConfigError' ? error.message : error;
    console.error(`[${name}] failed to start:`, text);
    process.exit(1);
  }
}

export async function shutdown(signal: string): Promise<void> {
  const state = runtime();
  if (state.shuttingDown) return;
  state.shuttingDown = true;
  const logger = new Logger('Shutdown');
  logger.log(`${signal} received: closing ${state.apps.length} app(s)`);
  const deadline = setTimeout(() => {
    logger.error(`Shutdown exceeded ${state.shutdownTimeoutMs} ms; exiting`);
    process.exit(1);
  }, state.shutdownTimeoutMs);
  deadline.unref();
  for (const app of [...state.apps].reverse()) {
    try {
      await app.close();
    } catch (error) {
      logger.error({ err: error }, `Closing ${app.name} failed`);
    }
  }
  clearTimeout(deadline);
  process.exit(0);
}
