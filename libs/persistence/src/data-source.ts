import type { MigrateCommand } from '@phoenix/platform';
import { DataSource, DataSourceOptions, EntitySchema, MigrationExecutor, MixedList } from 'typeorm';

/** The Postgres schema each service owns, with its entities and migrations. */
export interface ServiceStore {
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  applicationName: string;
  /** Whether hot-path statements may be kept prepared on the connections (see preparedRows). */
  preparedStatements?: boolean;
}

export function dataSourceOptions(store: ServiceStore, db: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.url,
    schema: store.schema,
    entities: store.entities,
    migrations: store.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    applicationName: db.applicationName,
    poolSize: db.poolSize,
    extra: { max: db.poolSize, connectionTimeoutMillis: 10_000 },
  };
}

/**
 * Applies pending migrations under a Postgres advisory lock, so several replicas starting
 * at once apply each migration exactly once. The schema is created first because the
 * migrations table lives inside it. Everything runs on one connection: in standalone mode
 * the pool has only one.
 */
export async function runMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`phoenix-migrations:${schema}`]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`phoenix-migrations:${schema}`]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * The `migrate` run mode of a service that owns a store: its pending migrations, applied on a
 * connection of its own that is closed afterwards (nothing else of the app starts).
 */
export function storeMigration(store: ServiceStore, applicationName: string): MigrateCommand<{ DATABASE_URL: string }> {
  return {
    target: `Postgres schema ${store.schema}`,
    migrate: async (config) => {
      const dataSource = await new DataSource(dataSourceOptions(store, { url: config.DATABASE_URL, poolSize: 1, applicationName })).initialize();
      try {
        return await runMigrations(dataSource, store.schema);
      } finally {
        await dataSource.destroy();
      }
    },
  };
}
