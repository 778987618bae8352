import { ClickHouseClient, createClient, parseError } from '@clickhouse/client';
import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';

export interface ClickHouseOptions {
  /** A ClickHouse server; when absent, chDB runs embedded in this process. */
  url?: string;
  username?: string;
  password?: string;
  database?: string;
  /** chDB data directory (embedded mode). */
  path: string;
}

/**
 * The same `@clickhouse/client` either way: over HTTP to a server, or through chDB's
 * connection (ClickHouse in-process) when no URL is configured.
 */
export function createClickHouse(options: ClickHouseOptions): ClickHouseClient {
  if (options.url) {
    return createClient({
      url: options.url,
      ...(options.username ? { username: options.username } : {}),
      ...(options.password ? { password: options.password } : {}),
      ...(options.database ? { database: options.database } : {}),
      clickhouse_settings: { date_time_output_format: 'iso' },
    });
  }
  mkdirSync(options.path, { recursive: true });
  // Loaded only in embedded mode: production images do not ship chDB. (Types by file path:
  // our moduleResolution does not read package exports; the runtime require does.)
  const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/dist/connection');
  // chDB implements the client's Connection interface from its own copy of the common
  // types, which TypeScript sees as distinct: the shapes are the same.
  const connection = createChdbConnection({ path: options.path });
  const client = createClient({ connection: connection as never, clickhouse_settings: { date_time_output_format: 'iso' } });
  EMBEDDED.set(client, connection.chdb);
  return client;
}

/** chDB's own insert, for the clients createClickHouse made over chDB (see insertTabSeparated). */
type ChdbInsert = Pick<import('chdb/dist/connection/extension').ChdbExtension, 'rawInsert'>;
const EMBEDDED = new WeakMap<ClickHouseClient, ChdbInsert>();

export interface TabSeparatedInsert {
  table: string;
  /** The payload's columns, in its order. */
  columns: readonly [string, ...string[]];
  /** Rows in ClickHouse's TabSeparated format (see toTabSeparated). */
  body: Buffer;
  /** Settings of this insert only, e.g. its insert_deduplication_token. */
  settings?: Record<string, string>;
}

/**
 * Inserts a TabSeparated payload. On a server, through @clickhouse/client like any other query.
 * On chDB, through chDB's raw insert: the client's chDB connection would turn the payload into
 * text and splice it into the SQL of the statement, where the raw insert hands the bytes to the
 * engine's parser as they are. Its errors are reshaped as the client's, so callers see one shape.
 */
export async function insertTabSeparated(client: ClickHouseClient, insert: TabSeparatedInsert): Promise<void> {
  const { table, columns, body, settings } = insert;
  const embedded = EMBEDDED.get(client);
  if (!embedded) {
    await client.insert({ table, columns: [...columns], format: 'TabSeparated', values: Readable.from([body], { objectMode: false }), ...(settings ? { clickhouse_settings: settings } : {}) });
    return;
  }
  try {
    await embedded.rawInsert({ table, columns, format: 'TabSeparated', values: body, ...(settings ? { settings } : {}) });
  } catch (error) {
    throw error instanceof Error ? Object.assign(parseError(error.message), { cause: error }) : error;
  }
}
