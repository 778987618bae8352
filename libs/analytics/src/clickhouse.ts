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
    // chDB implements the client's Connection interface from its own copy of the common
    // types, which TypeScript sees as distinct: the shapes are the same.
    const engine = createChdbConnection({ path: options.path }) as unknown as EngineConnection;
    // On the engine itself: through this connection it would wait for its own opening.
    await options.onEmbeddedOpen?.(createClient({ connection: engine, clickhouse_settings: settings }));
    return engine;
  });
  return createClient({ connection, clickhouse_settings: settings });
}

/**
 * A connection that opens its engine on the first call, once; every call waits for it. An
 * opening that fails fails that call, and the next call tries again.
 */
class OpenedOnFirstUse implements EngineConnection {
  private opening: Promise<EngineConnection> | undefined;

  constructor(private readonly open: () => Promise<EngineConnection>) {}

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
    const engine = await this.opening?.catch(() => undefined);
    await engine?.close();
  }

  private engine(): Promise<EngineConnection> {
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }
}
