import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running standalone tells local tools (`npm run token`) in DATA_DIR/standalone.json. */
export interface StandaloneRuntime {
  pid: number;
  /** The embedded Postgres on loopback, with its password; absent when DATABASE_URL names a real one. */
  database_url?: string;
}

export const RUNTIME_FILE = 'standalone.json';

/** Writes the file (mode 0600: the database URL holds the embedded Postgres' password) and returns its remover. */
export function publishRuntime(dataDir: string, runtime: StandaloneRuntime): () => void {
  const file = join(dataDir, RUNTIME_FILE);
  // Written anew: a file left by a killed process would keep its old mode.
  rmSync(file, { force: true });
  writeFileSync(file, `${JSON.stringify(runtime, null, 2)}\n`, { mode: 0o600 });
  return () => rmSync(file, { force: true });
}
