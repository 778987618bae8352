import type { ClickHouseClient } from '@clickhouse/client';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseOptions, createClickHouse } from './clickhouse';

// The ClickHouse of this lib's integration suites (not exported: tests only). It lives here, not
// in @phoenix/testing, because that lib imports this one and a test of this lib may not import it
// back (Nx refuses the cycle).

/** A ClickHouse server named by the test run's environment (a container's, or the user's own). */
export interface TestClickHouseServer {
  url: string;
  username?: string;
  password?: string;
}

/** CLICKHOUSE_URL with CLICKHOUSE_USER and CLICKHOUSE_PASSWORD, as the test harness sets them; undefined: chDB. */
export function testClickHouseServer(env: Readonly<Record<string, string | undefined>> = process.env): TestClickHouseServer | undefined {
  const url = env['CLICKHOUSE_URL']?.trim();
  if (!url) return undefined;
  return {
    url,
    ...(env['CLICKHOUSE_USER'] ? { username: env['CLICKHOUSE_USER'] } : {}),
    ...(env['CLICKHOUSE_PASSWORD'] ? { password: env['CLICKHOUSE_PASSWORD'] } : {}),
  };
}

/** What a suite gets: a client on an empty database of its own, and how to drop it. */
export interface TestClickHouse {
  kind: 'server' | 'chdb';
  client: ClickHouseClient;
  /** The chDB data directory (chDB only). */
  dir?: string;
  /** Closes the client and drops the suite's database (server) or removes its data directory (chDB). */
  drop(): Promise<void>;
}

/** A fresh database name for one suite on a shared server. */
export function testDatabaseName(prefix = 'phoenix_test'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** The options of a client on `database` of the server. */
export function serverOptions(server: TestClickHouseServer, database: string): ClickHouseOptions {
  return { ...server, database, path: '' };
}

/**
 * An empty ClickHouse for one suite: a new database on the server of CLICKHOUSE_URL when the
 * harness gives one, else chDB in a new temporary directory. chDB is one engine per process, so a
 * suite opens this once (beforeAll) and keeps its tests apart by tenant.
 */
export async function createTestClickHouse(prefix = 'phoenix_test'): Promise<TestClickHouse> {
  const server = testClickHouseServer();
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), `${prefix}-chdb-`));
    const client = createClickHouse({ path: dir });
    return {
      kind: 'chdb',
      client,
      dir,
      drop: async () => {
        await client.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = testDatabaseName(prefix);
  // The server's default database, only to create and drop the suite's own.
  const admin = createClickHouse(serverOptions(server, 'default'));
  try {
    await admin.command({ query: `CREATE DATABASE ${database}` });
  } finally {
    await admin.close();
  }
  const client = createClickHouse(serverOptions(server, database));
  return {
    kind: 'server',
    client,
    drop: async () => {
      await client.close();
      const dropper = createClickHouse(serverOptions(server, 'default'));
      try {
        await dropper.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` });
      } finally {
        await dropper.close();
      }
    },
  };
}
