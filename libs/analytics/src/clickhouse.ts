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
  /**
   * Embedded mode: runs on the engine when it opens, before the first statement goes through
   * (the app's migrations). Not called for a server, which is there whether we use it or not.
   */
  onEmbeddedOpen?: (client: ClickHouseClient) => Promise<void>;
}

/** The client's backend connection, as `createClient` takes it. */
type EngineConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

/**
 * The same `@clickhouse/client` either way: over HTTP to a server, or through chDB's
 * connection (ClickHouse in-process, opened on first use) when no URL is configured.
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
  const settings = { date_time_output_format: 'iso' } as const;
  // chDB is opened on first use: loading the engine costs about 150 MB of resident memory
  // and a few hundred milliseconds, which a standalone that only restarts or idles never needs.
  const connection = new OpenedOnFirstUse(async () => {
    mkdirSync(options.path, { recursive: true });
    // Loaded only in embedded mode: production images do not ship chDB. (Types by file path:
    // our moduleResolution does not read package exports; the runtime require does.)
    const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/dist/connection');
    const chdb = createChdbConnection({ path: options.path });
    // chDB implements the client's Connection interface from its own copy of the common
    // types, which TypeScript sees as distinct: the shapes are the same.
    const engine = chdb as unknown as EngineConnection;
    // On the engine itself: through this connection it would wait for its own opening.
    await options.onEmbeddedOpen?.(createClient({ connection: engine, clickhouse_settings: settings }));
    return { engine, extension: chdb.chdb };
  });
  const client = createClient({ connection, clickhouse_settings: settings });
  EMBEDDED.set(client, { rawInsert: async (insert) => (await connection.opened()).extension.rawInsert(insert) });
  return client;
}

/** chDB's own insert, for the clients createClickHouse made over chDB (see insertTabSeparated). */
type ChdbInsert = Pick<import('chdb/dist/connection/extension').ChdbExtension, 'rawInsert'>;
const EMBEDDED = new WeakMap<ClickHouseClient, ChdbInsert>();

interface OpenedEngine {
  engine: EngineConnection;
  /** chDB's own API beside the client's connection (its raw insert). */
  extension: ChdbInsert;
}

/**
 * A connection that opens its engine on the first call, once; every call waits for it. An
 * opening that fails fails that call, and the next call tries again.
 */
class OpenedOnFirstUse implements EngineConnection {
  private opening: Promise<OpenedEngine> | undefined;

  constructor(private readonly open: () => Promise<OpenedEngine>) {}

  async ping(params: Parameters<EngineConnection['ping']>[0]): ReturnType<EngineConnection['ping']> {
    return (await this.engine()).ping(params);
  }

  async query(params: Parameters<EngineConnection['query']>[0]): ReturnType<EngineConnection['query']> {
    return (await this.engine()).query(params);
  }

  async insert(params: Parameters<EngineConnection['insert']>[0]): ReturnType<EngineConnection['insert']> {
    return (await this.engine()).insert(params);
  }

  async command(params: Parameters<EngineConnection['command']>[0]): ReturnType<EngineConnection['command']> {
    return (await this.engine()).command(params);
  }

  async exec(params: Parameters<EngineConnection['exec']>[0]): ReturnType<EngineConnection['exec']> {
    return (await this.engine()).exec(params);
  }

  /** Closes the engine if it was ever opened; one that never opened has nothing to close. */
  async close(): Promise<void> {
    const opened = await this.opening?.catch(() => undefined);
    await opened?.engine.close();
  }

  /** The opened engine and its raw insert, opening it now if this is the first use. */
  opened(): Promise<OpenedEngine> {
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async engine(): Promise<EngineConnection> {
    return (await this.opened()).engine;
  }
}

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
