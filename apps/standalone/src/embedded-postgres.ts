import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { join } from 'node:path';

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

/**
 * Real Postgres compiled to WASM, kept under DATA_DIR/pgdata and served on loopback so the
 * ordinary `pg` driver and TypeORM talk to it as to any server. PGlite runs one session: the
 * socket server multiplexes connections and keeps a transaction on the connection that
 * opened it, so each service uses a pool of one connection.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  host: string,
  port: number,
  sharedBuffers: string,
): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(join(dataDir, 'pgdata'), { postgresqlconf: [`shared_buffers = ${sharedBuffers}`] });
  const server = new PGLiteSocketServer({ db, host, port, maxConnections: 16 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres?sslmode=disable`,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
