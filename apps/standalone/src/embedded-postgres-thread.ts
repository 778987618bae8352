import { PGlite } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { EmbeddedPostgresReport, EmbeddedPostgresThreadData } from './embedded-postgres';
import { servePglite } from './pglite-wire-server';

/**
 * The embedded Postgres thread (started by startEmbeddedPostgres): PGlite on DATA_DIR/pgdata,
 * served on loopback by servePglite. PGlite runs one session, which the server hands to one
 * client at a time (see SessionQueue), so each service uses a pool of one connection. A thread
 * that finds no database creates it, reports `initialised` and ends (a new thread serves it).
 * The message 'close' stops the server and closes the database (its files are complete then);
 * the thread ends once nothing is left on its event loop.
 */
export async function runEmbeddedPostgresThread(data: EmbeddedPostgresThreadData): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the embedded Postgres runs on a worker thread');
  const report = (message: EmbeddedPostgresReport) => port.postMessage(message);
  try {
    const directory = join(data.dataDir, 'pgdata');
    const fresh = !existsSync(join(directory, 'PG_VERSION'));
    const db = await PGlite.create(directory, { postgresqlconf: [`shared_buffers = ${data.sharedBuffers}`] });
    if (fresh) {
      await db.close();
      report({ type: 'initialised' });
      port.close();
      return;
    }
    const server = await servePglite(db, data.host, data.port, data.password);
    port.once('message', () => {
      void (async () => {
        await server.close();
        await db.close();
        port.close();
      })();
    });
    report({ type: 'ready', address: server.address });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    report({ type: 'failed', message: failure.message, ...(failure.stack ? { stack: failure.stack } : {}) });
    port.close();
  }
}
