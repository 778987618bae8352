import { PGlite } from '@electric-sql/pglite';
import { join } from 'node:path';
import { servePglite } from './pglite-wire-server';

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

/**
 * Real Postgres compiled to WASM, kept under DATA_DIR/pgdata and served on loopback so the
 * ordinary `pg` driver and TypeORM talk to it as to any server. PGlite runs one session, which
 * the server hands to one client at a time (see SessionQueue), so each service uses a pool of
 * one connection.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  host: string,
  port: number,
  sharedBuffers: string,
): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(join(dataDir, 'pgdata'), { postgresqlconf: [`shared_buffers = ${sharedBuffers}`] });
  const server = await servePglite(db, host, port);
  return {
    url: `postgres://postgres@${server.address}/postgres?sslmode=disable`,
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}
