import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { storedSecret } from './credentials';
import { servePglite } from './pglite-wire-server';

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

/**
 * Real Postgres compiled to WASM, kept under DATA_DIR/pgdata and served on loopback so the
 * ordinary `pg` driver and TypeORM talk to it as to any server. PGlite runs one session, which
 * the server hands to one client at a time (see SessionQueue), so each service uses a pool of
 * one connection. Clients authenticate with the password generated on first start and kept in
 * DATA_DIR/credentials.json: other local users and processes cannot read the tenants' data.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  host: string,
  port: number,
  sharedBuffers: string,
): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(join(dataDir, 'pgdata'), { postgresqlconf: [`shared_buffers = ${sharedBuffers}`] });
  const password = storedSecret(dataDir, 'postgres_password', 32, () => randomBytes(32).toString('base64url')).value;
  const server = await servePglite(db, host, port, password);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@${server.address}/postgres?sslmode=disable`,
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}
