import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { createServer, type Server, type Socket } from 'node:net';
import { authenticate, scramVerifier } from './scram-auth';

/** Typed messages after which a client waits for the server: a unit of work ends there. */
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const FLUSH = 0x48; // 'H'
const TERMINATE = 0x58; // 'X'
const UNIT_ENDS = new Set([SYNC, QUERY, FLUSH]);
/** After these the session is back at a statement boundary (unless a transaction is open). */
const SEQUENCE_ENDS = new Set([SYNC, QUERY]);
/** The startup message has no type byte; its first byte is the high byte of its length. */
const STARTUP = 0x00;

const SYNC_MESSAGE = Uint8Array.of(SYNC, 0, 0, 0, 4);
const ROLLBACK_QUERY = Buffer.concat([Buffer.of(QUERY, 0, 0, 0, 13), Buffer.from('ROLLBACK\0')]);

type OnData = (data: Uint8Array) => void;

interface Unit {
  client: number;
  bytes: Uint8Array;
  /** Type of the unit's last message (STARTUP for a startup message). */
  last: number;
  onData: OnData;
  done: (bytes: number) => void;
  fail: (error: unknown) => void;
}

/**
 * Schedules the clients of one PGlite database.
 *
 * PGlite is a single Postgres session: every client shares its unnamed statement, portals and
 * transaction. pglite-socket frames each client's messages; this queue takes them and runs one
 * client's whole unit at a time (everything up to a Sync, a simple Query or a Flush, where the
 * client waits for an answer). A client that is inside an extended-protocol sequence or an open
 * transaction holds the session, and the other clients' units wait in order until it is back at
 * a statement boundary. A client that disconnects while holding the session has its sequence
 * ended and its work rolled back.
 *
 * pglite-socket's own queue runs single messages in arrival order, so one client's Bind could
 * meet another client's Parse: under concurrent load a query ran with another query's
 * statement, or failed with "unnamed prepared statement does not exist".
 *
 * The method names are the ones PGLiteSocketHandler calls on its queue.
 */
export class SessionQueue {
  private readonly pending = new Map<number, Uint8Array[]>();
  private readonly queue: Unit[] = [];
  private holder: number | undefined;
  /** The client whose unit is running, and clients that disconnected while theirs ran. */
  private current: number | undefined;
  private readonly gone = new Set<number>();
  private running = false;

  constructor(private readonly db: PGlite) {}

  /** Takes one framed message; resolves once the unit it closes has run. */
  enqueue(client: number, message: Uint8Array, onData: OnData): Promise<number> {
    const type = message[0] ?? TERMINATE;
    if (type === TERMINATE) return Promise.resolve(0); // the socket closes next
    const parts = this.pending.get(client) ?? [];
    parts.push(message);
    if (type !== STARTUP && !UNIT_ENDS.has(type)) {
      this.pending.set(client, parts);
      return Promise.resolve(0);
    }
    this.pending.delete(client);
    const bytes = parts.length === 1 ? message : Buffer.concat(parts);
    return new Promise((done, fail) => {
      this.queue.push({ client, bytes, last: type, onData, done, fail });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** The client disconnected: its queued units are dropped. */
  clearQueueForHandler(client: number): void {
    this.pending.delete(client);
    const dropped = this.queue.filter((unit) => unit.client === client);
    this.queue.splice(0, this.queue.length, ...this.queue.filter((unit) => unit.client !== client));
    for (const unit of dropped) unit.done(0);
  }

  /**
   * The client disconnected: if it holds the session, its sequence ends and its transaction
   * rolls back (after its unit under way, if there is one).
   */
  async clearTransactionIfNeeded(client: number): Promise<void> {
    if (this.current === client) this.gone.add(client);
    else if (this.holder === client) await this.release(client);
  }

  /**
   * Leaves the session as a Postgres backend leaves nothing behind when its client is gone:
   * nothing the client did without a Sync or COMMIT is kept. A simple ROLLBACK aborts an
   * implicit (unsynced) or explicit transaction; while an error has the session skipping to
   * the next Sync it is ignored, and the Sync ends that state. An explicit transaction left
   * aborted by the error is rolled back last.
   */
  private async release(client: number): Promise<void> {
    // The client keeps the session (none of its units are left) until it is clean again.
    try {
      await this.db.runExclusive(async () => {
        await this.db.execProtocolRaw(ROLLBACK_QUERY);
        await this.db.execProtocolRaw(SYNC_MESSAGE);
      });
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK'); // exec takes the lock itself
    } catch {
      // Nobody to answer; the next unit meets whatever state PGlite reports.
    }
    if (this.holder === client) this.holder = undefined;
    void this.drain();
  }

  /** Runs queued units one at a time; while a client holds the session, only its units run. */
  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.holder === undefined ? 0 : this.queue.findIndex((unit) => unit.client === this.holder);
        const unit = index < 0 ? undefined : this.queue.splice(index, 1)[0];
        if (!unit) return;
        this.current = unit.client;
        await this.run(unit);
        this.current = undefined;
        if (this.gone.delete(unit.client) && this.holder === unit.client) await this.release(unit.client);
      }
    } finally {
      this.current = undefined;
      this.running = false;
    }
  }

  /** A unit PGlite throws on (rather than answering with an ErrorResponse) fails its client, whose handler then disconnects. */
  private async run(unit: Unit): Promise<void> {
    let written = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(unit.bytes, {
          onRawData: (data) => {
            written += data.length;
            unit.onData(data);
          },
        }),
      );
    } catch (error) {
      this.holder = unit.client; // released by clearTransactionIfNeeded when the handler detaches
      unit.fail(error);
      return;
    }
    const atBoundary = unit.last === STARTUP || SEQUENCE_ENDS.has(unit.last);
    this.holder = atBoundary && !this.db.isInTransaction() ? undefined : unit.client;
    unit.done(written);
  }
}

export interface PgliteWireServer {
  /** `host:port` the server listens on. */
  readonly address: string;
  close(): Promise<void>;
}

/** How long a client has to send its startup message and prove the password. */
const AUTHENTICATION_TIMEOUT_MS = 10_000;

/**
 * Serves a PGlite database to ordinary Postgres clients (the `pg` driver, psql) on
 * `host:port`. A client proves `password` first (SCRAM-SHA-256, see scram-auth.ts); then its
 * connection is framed by pglite-socket's handler and scheduled by one SessionQueue.
 */
export async function servePglite(db: PGlite, host: string, port: number, password: string): Promise<PgliteWireServer> {
  const queue = new SessionQueue(db);
  const verifier = scramVerifier(password);
  const handlers = new Set<PGLiteSocketHandler>();
  const sockets = new Set<Socket>();
  const serve = (socket: Socket, startup: Buffer) => {
    // The handler's declared option type is pglite-socket's own queue class; ours has its methods.
    const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true });
    handlers.add(handler);
    socket.once('close', () => handlers.delete(handler));
    // The startup message goes to PGlite as if it had just arrived: its AuthenticationOk ends the exchange.
    socket.unshift(startup);
    void handler.attach(socket).then(() => socket.resume());
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    void authenticate(socket, verifier, AUTHENTICATION_TIMEOUT_MS).then((startup) => startup && serve(socket, startup));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address();
  if (!bound || typeof bound === 'string') throw new Error('the embedded Postgres server has no TCP address');
  return {
    address: `${host}:${bound.port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      for (const socket of sockets) socket.destroy(); // still authenticating
      await closed;
    },
  };
}
