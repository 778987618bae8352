import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouse } from '@phoenix/analytics';
import { Session } from 'chdb';
import { sleep } from './stats';

/**
 * chDB is one engine per process, bound to one data directory: the benchmark opens it once.
 * `client` is what the services use (@clickhouse/client over chDB's connection, from
 * createClickHouse); `raw` is a bare chDB session on the same directory and engine, for the
 * baselines ("straight into chDB": no client, no row mapping). Each has its own connection, so
 * its own current database and settings.
 */
export interface Chdb {
  path: string;
  client: ClickHouseClient;
  raw: Session;
  close(): Promise<void>;
}

export function openChdb(path: string): Chdb {
  const client = createClickHouse({ path });
  const raw = new Session(path);
  return {
    path,
    client,
    raw,
    close: async () => {
      raw.close();
      await client.close();
    },
  };
}

/** Runs one statement on the raw session and returns its JSONEachRow rows. */
export async function rawRows<T>(chdb: Chdb, query: string): Promise<T[]> {
  const result = await chdb.raw.queryAsync(query, { format: 'JSONEachRow' });
  const text = result.text().trim();
  return text ? text.split('\n').map((line) => JSON.parse(line) as T) : [];
}

export async function rawCount(chdb: Chdb, table: string): Promise<number> {
  const [row] = await rawRows<{ n: string | number }>(chdb, `SELECT count() AS n FROM ${table}`);
  return Number(row?.n ?? 0);
}

/** Makes `database` the client's current database: the services' SQL names tables unqualified. */
export async function useDatabase(chdb: Chdb, database: string): Promise<void> {
  await chdb.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  await chdb.client.command({ query: `USE ${database}` });
}

/** SYNC: the data goes now, not after the Atomic engine's delay of several minutes. */
export async function dropDatabase(chdb: Chdb, database: string): Promise<void> {
  await chdb.raw.queryAsync(`DROP DATABASE IF EXISTS ${database} SYNC`);
}

/**
 * Waits until no merge runs on the table (twice in a row), up to a deadline: queries measured
 * while merges rewrite the table would pay for them. Returns the active parts left.
 */
export async function settleMerges(chdb: Chdb, database: string, table: string, timeoutMs: number): Promise<{ parts: number; waitedMs: number }> {
  const started = performance.now();
  const where = `database = '${database}' AND table = '${table}'`;
  let quiet = 0;
  while (quiet < 2 && performance.now() - started < timeoutMs) {
    const [merging] = await rawRows<{ n: string | number }>(chdb, `SELECT count() AS n FROM system.merges WHERE ${where}`);
    quiet = Number(merging?.n ?? 0) === 0 ? quiet + 1 : 0;
    if (quiet < 2) await sleep(500);
  }
  const [parts] = await rawRows<{ n: string | number }>(chdb, `SELECT count() AS n FROM system.parts WHERE ${where} AND active`);
  return { parts: Number(parts?.n ?? 0), waitedMs: performance.now() - started };
}
