import type { MigrateCommand } from '@phoenix/platform';
import { Database } from './database';

/** What a migration's statements run on (TypeORM's QueryRunner has the same `query`, for its CLI). */
export interface MigrationQueries {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/** One step of a schema, applied once, in a transaction of its own. */
export interface Migration {
  /** `<Name><13-digit timestamp>`, as recorded in the schema's `migrations` table. */
  readonly name: string;
  up(queries: MigrationQueries): Promise<void>;
  down(queries: MigrationQueries): Promise<void>;
}

export type MigrationClass = new () => Migration;

/** The Postgres schema each service owns, with its migrations in the order they apply. */
export interface ServiceStore {
  schema: string;
  migrations: MigrationClass[];
}

export type { DatabaseOptions } from './database';

/**
 * Applies pending migrations under a Postgres advisory lock, so several replicas starting
 * at once apply each migration exactly once. The schema is created first because the
 * migrations table lives inside it. Everything runs on one connection: in standalone mode
 * the pool has only one.
 *
 * The table keeps the shape TypeORM gave it (`id`, `timestamp`, `name`), which the first
 * databases were migrated with, and its CLI still reads when generating a migration.
 */
export async function runMigrations(database: Database, store: ServiceStore): Promise<string[]> {
  const client = await database.pool.connect();
  const lock = `phoenix-migrations:${store.schema}`;
  const table = `"${store.schema}"."migrations"`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${store.schema}"`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${table} ("id" SERIAL NOT NULL PRIMARY KEY, "timestamp" bigint NOT NULL, "name" character varying NOT NULL)`,
      );
      const done = new Set((await client.query<{ name: string }>(`SELECT name FROM ${table}`)).rows.map((r) => r.name));
      const applied: string[] = [];
      for (const Step of store.migrations) {
        const migration = new Step();
        if (done.has(migration.name)) continue;
        const timestamp = /(\d{13})$/.exec(migration.name)?.[1];
        if (!timestamp) throw new Error(`migration ${migration.name} must end with its 13-digit timestamp`);
        await client.query('BEGIN');
        try {
          await migration.up({ query: async (text, params) => (await client.query(text, params)).rows });
          await client.query(`INSERT INTO ${table} ("timestamp", "name") VALUES ($1, $2)`, [timestamp, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(migration.name);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
    }
  } finally {
    client.release();
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
      const database = Database.open({ url: config.DATABASE_URL, poolSize: 1, applicationName });
      try {
        return await runMigrations(database, store);
      } finally {
        await database.close();
      }
    },
  };
}
