import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** The server the tests use; a fresh database is created on it per run. */
export function adminDatabaseUrl(): string {
  return process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The embedded Postgres (with its password) of a standalone running on `dataDir`, as it publishes it in standalone.json. */
export function embeddedDatabaseUrl(dataDir: string): string {
  const runtime = JSON.parse(readFileSync(join(dataDir, 'standalone.json'), 'utf8')) as { database_url?: string };
  if (!runtime.database_url) throw new Error(`the standalone on ${dataDir} runs on DATABASE_URL, not the embedded Postgres`);
  return runtime.database_url;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function createTestDatabase(prefix = 'phoenix_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminDatabaseUrl(), name),
    drop: async () => {
      const client = new Client({ connectionString: adminDatabaseUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Fails fast, with a clear message, when the test Postgres is not reachable. */
export async function assertPostgresReachable(): Promise<void> {
  const client = new Client({ connectionString: adminDatabaseUrl(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `Tests need PostgreSQL at ${adminDatabaseUrl()} (set TEST_DATABASE_URL): ${(error as Error).message}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs one query on a database by URL and returns its rows (tests reading state directly). */
export async function sqlRows<T>(databaseUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
