import { ClickHouseClient, createClient } from '@clickhouse/client';
import { mkdirSync } from 'node:fs';

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
  const connection = createChdbConnection({ path: options.path }) as never;
  return createClient({ connection, clickhouse_settings: { date_time_output_format: 'iso' } });
}
