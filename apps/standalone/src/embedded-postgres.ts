import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { storedSecret } from './credentials';

// Loaded before anything else of the standalone (see main.ts): this module imports node's own
// modules and credentials.ts only, so the embedded Postgres starts at once.

/** What StandaloneConfig accepts for PGLITE_SHARED_BUFFERS, e.g. 32MB. */
export const SHARED_BUFFERS_PATTERN = /^[1-9][0-9]*(kB|MB|GB)$/;
export const DEFAULT_SHARED_BUFFERS = '32MB';
export const DEFAULT_DATA_DIR = './.phoenix-data';
/** workerData.role of the embedded Postgres thread. */
export const EMBEDDED_POSTGRES_ROLE = 'phoenix-embedded-postgres';

export interface EmbeddedPostgresOptions {
  /** Absolute. */
  dataDir: string;
  host: string;
  port: number;
  sharedBuffers: string;
}

/** What the thread gets: the options and the password its clients must give. */
export interface EmbeddedPostgresThreadData extends EmbeddedPostgresOptions {
  role: typeof EMBEDDED_POSTGRES_ROLE;
  password: string;
}

/** Thread → launcher. `initialised`: a new database was created, and the thread ends (see below). */
export type EmbeddedPostgresReport =
  | { type: 'ready'; address: string }
  | { type: 'initialised' }
  | { type: 'failed'; message: string; stack?: string };

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

export function isEmbeddedPostgresThread(data: unknown): data is EmbeddedPostgresThreadData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === EMBEDDED_POSTGRES_ROLE;
}

/**
 * Real Postgres compiled to WASM (PGlite), kept under DATA_DIR/pgdata and served on loopback
 * so the ordinary `pg` driver talks to it as to any server (see
 * embedded-postgres-thread.ts). It runs on a worker thread: its start (compiling the WASM
 * module, opening the database) overlaps the loading of the apps, and its queries run beside
 * the apps' JavaScript instead of taking turns with it on one thread.
 *
 * On a new DATA_DIR the first thread only creates the database and ends: initdb grows the WASM
 * memory by some 400 MB that a WASM instance never gives back, so a second thread serves the
 * database from a heap of the usual size.
 *
 * Clients authenticate with the password generated on first start and kept in
 * DATA_DIR/credentials.json, read here on the launcher's thread (the only writer of that file).
 * `script` starts the thread: the standalone's entry, which runs the thread's code when its
 * workerData says so (main.ts).
 */
export async function startEmbeddedPostgres(script: string, options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  // Created for its owner only: the embedded database and credentials.json live in it.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const password = storedSecret(options.dataDir, 'postgres_password', 32, () => randomBytes(32).toString('base64url')).value;
  const data: EmbeddedPostgresThreadData = { role: EMBEDDED_POSTGRES_ROLE, ...options, password };
  for (;;) {
    const started = await startThread(script, data);
    if (started) return started;
  }
}

/** One thread: its server, or undefined when it only created the database and ended. */
function startThread(script: string, data: EmbeddedPostgresThreadData): Promise<EmbeddedPostgres | undefined> {
  const thread = new Worker(script, { workerData: data });
  return new Promise((settle, fail) => {
    let up = false;
    let initialised = false;
    let closing = false;
    thread.on('message', (report: EmbeddedPostgresReport) => {
      if (report.type === 'initialised') {
        initialised = true;
        return;
      }
      if (report.type === 'failed') {
        const error = new Error(`the embedded Postgres did not start: ${report.message}`);
        if (report.stack) error.stack = `${error.message}\n${report.stack}`;
        fail(error);
        return;
      }
      up = true;
      const exited = new Promise<void>((done) => thread.once('exit', () => done()));
      settle({
        url: `postgres://postgres:${encodeURIComponent(data.password)}@${report.address}/postgres?sslmode=disable`,
        close: async () => {
          closing = true;
          thread.postMessage('close');
          await exited;
        },
      });
    });
    thread.on('error', (error) => {
      if (!up) fail(error);
      // Nothing works without the database: end the process as a crash of it in-thread would.
      else throw new Error(`the embedded Postgres thread failed: ${error.message}`, { cause: error });
    });
    thread.on('exit', (code) => {
      if (!up) {
        if (initialised && code === 0) settle(undefined);
        else fail(new Error(`the embedded Postgres thread ended (code ${code}) before it was ready`));
      } else if (!closing) {
        throw new Error(`the embedded Postgres thread ended unexpectedly (code ${code})`);
      }
    });
  });
}

/**
 * The embedded Postgres started from the raw environment, before the rest of the standalone
 * has loaded (validating the configuration needs all of it). `take` hands it to the launcher
 * once the configuration is validated; when that asks for other options (a value the raw
 * reading took differently), this one is closed and a new one started: only validated options
 * are ever served.
 */
export class EarlyEmbeddedPostgres {
  private readonly started?: Promise<EmbeddedPostgres>;

  constructor(
    private readonly options: EmbeddedPostgresOptions | undefined,
    private readonly start: (options: EmbeddedPostgresOptions) => Promise<EmbeddedPostgres>,
  ) {
    if (!options) return;
    this.started = start(options);
    // Awaited in take(); a configuration error may end the process before that.
    this.started.catch(() => undefined);
  }

  /** Started from the environment as it is; none when it names DATABASE_URL or a value looks invalid. */
  static fromEnv(script: string, env: NodeJS.ProcessEnv): EarlyEmbeddedPostgres {
    return new EarlyEmbeddedPostgres(rawOptions(env), (options) => startEmbeddedPostgres(script, options));
  }

  async take(wanted: EmbeddedPostgresOptions | undefined): Promise<EmbeddedPostgres | undefined> {
    if (this.started && wanted && this.options && sameOptions(wanted, this.options)) return this.started;
    if (this.started) await (await this.started.catch(() => undefined))?.close();
    return wanted ? this.start(wanted) : undefined;
  }
}

/** The options the environment asks for, read without the config schema (see EarlyEmbeddedPostgres). */
export function rawOptions(env: NodeJS.ProcessEnv): EmbeddedPostgresOptions | undefined {
  if (env['DATABASE_URL']) return undefined;
  const port = Number(env['PGLITE_PORT'] || '0');
  const sharedBuffers = env['PGLITE_SHARED_BUFFERS'] || DEFAULT_SHARED_BUFFERS;
  if (!Number.isInteger(port) || port < 0 || port > 65_535 || !SHARED_BUFFERS_PATTERN.test(sharedBuffers)) return undefined;
  return { dataDir: resolve(env['DATA_DIR'] || DEFAULT_DATA_DIR), host: '127.0.0.1', port, sharedBuffers };
}

function sameOptions(a: EmbeddedPostgresOptions, b: EmbeddedPostgresOptions): boolean {
  return a.dataDir === b.dataDir && a.host === b.host && a.port === b.port && a.sharedBuffers === b.sharedBuffers;
}
