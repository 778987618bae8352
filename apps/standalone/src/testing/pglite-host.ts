// Test fixture: an in-memory PGlite served by servePglite in a process of its own (PGlite loads
// its WASM through a dynamic import, which Jest's module sandbox does not allow), with the
// password in PGLITE_HOST_PASSWORD. Prints the address as one JSON line; SIGTERM or a closed
// stdin stops it.
import { PGlite } from '@electric-sql/pglite';
import { servePglite } from '../pglite-wire-server';

async function main(): Promise<void> {
  const db = await PGlite.create();
  const server = await servePglite(db, '127.0.0.1', 0, process.env['PGLITE_HOST_PASSWORD'] ?? '');
  process.stdout.write(`${JSON.stringify({ address: server.address })}\n`);
  const stop = async (): Promise<void> => {
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.stdin.once('end', () => void stop());
  process.stdin.resume();
}

void main();
