import pino from 'pino';
import type { z } from 'zod';
import { loadConfig } from '../config/config';

/** True when the process was started as `node dist/apps/<app>/main.js migrate`. */
export function isMigrateCommand(argv: readonly string[] = process.argv): boolean {
  return argv[2] === 'migrate';
}

export interface MigrateCommand<C> {
  /** What is migrated, for the log: `Postgres schema catalog`, `ClickHouse`. */
  target: string;
  /** Applies the pending migrations and returns their names (none: already up to date). */
  migrate(config: C): Promise<string[]>;
}

/**
 * The migrations-only run mode, for a deploy step that migrates before the apps roll out
 * (the Kubernetes Job, the compose `migrate-*` services). The app's config is read as at a
 * start, the pending migrations are applied and logged, and the process exits 0 — or 1 on
 * any error. No server, consumer or relay is started.
 */
export async function runMigrateCommand<S extends z.ZodType<{ LOG_LEVEL: string }>>(
  app: string,
  schema: S,
  command: MigrateCommand<z.output<S>>,
): Promise<never> {
  const logger = pino({ base: { app, command: 'migrate' } });
  try {
    const config = loadConfig(app, schema);
    logger.level = config.LOG_LEVEL;
    const started = Date.now();
    const applied = await command.migrate(config);
    logger.info(
      { target: command.target, applied, ms: Date.now() - started },
      applied.length
        ? `Applied ${applied.length} migration(s) to ${command.target}: ${applied.join(', ')}`
        : `${command.target} is up to date: no migration to apply`,
    );
    process.exit(0);
  } catch (error) {
    // A config error's message is complete (and names no value); anything else gets its stack.
    const detail = error instanceof Error && error.name === 'ConfigError' ? { reason: error.message } : { err: error };
    logger.error({ target: command.target, ...detail }, `Migrating ${command.target} failed`);
    process.exit(1);
  }
}
