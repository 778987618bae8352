import type { ClickHouseClient } from '@clickhouse/client';
import { createHash } from 'node:crypto';
import { ClickHouseOptions, createClickHouse } from './clickhouse';
import { CLICKHOUSE_MIGRATIONS, ClickHouseMigration } from './migrations';

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

/**
 * Applies the numbered ClickHouse migrations that are missing, recording each with its
 * checksum. A changed file that was already applied is an error: write a new migration.
 * Statements are idempotent (IF NOT EXISTS), so replicas starting together are safe.
 */
export async function migrateClickHouse(client: ClickHouseClient, migrations = CLICKHOUSE_MIGRATIONS): Promise<string[]> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations
            (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
            ENGINE = ReplacingMergeTree ORDER BY version`,
  });
  const result = await client.query({ query: 'SELECT version, name, checksum FROM schema_migrations FINAL', format: 'JSONEachRow' });
  const applied = new Map((await result.json<{ version: number; name: string; checksum: string }>()).map((m) => [Number(m.version), m]));
  const done: string[] = [];
  for (const migration of migrations) {
    const previous = applied.get(migration.version);
    if (previous) {
      if (previous.checksum !== checksum(migration.sql)) {
        throw new Error(`ClickHouse migration ${migration.name} changed after it was applied (checksum mismatch)`);
      }
      continue;
    }
    await apply(client, migration);
    done.push(migration.name);
  }
  return done;
}

async function apply(client: ClickHouseClient, migration: ClickHouseMigration): Promise<void> {
  for (const statement of statements(migration.sql)) await client.command({ query: statement });
  await client.insert({
    table: 'schema_migrations',
    values: [{ version: migration.version, name: migration.name, checksum: checksum(migration.sql) }],
    format: 'JSONEachRow',
  });
}

/** Splits a file on `;` at line ends; comments are dropped. */
function statements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Opens a client, applies the pending migrations and closes it (the `migrate` run mode). */
export async function migrateClickHouseStore(options: ClickHouseOptions): Promise<string[]> {
  const client = createClickHouse(options);
  try {
    return await migrateClickHouse(client);
  } finally {
    await client.close();
  }
}
