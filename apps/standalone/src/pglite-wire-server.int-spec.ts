import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { Client } from 'pg';
import { PgliteHost, startPgliteHost } from './testing/start-pglite-host';
import { cstring, int16, int32, message, startupMessage, waitFor } from './testing/wire-messages';

// pg's own SCRAM client steps, for the raw protocol client below.
const sasl = require('pg/lib/crypto/sasl') as {
  startSession(mechanisms: string[]): { response: string };
  continueSession(session: object, password: string, serverData: string): Promise<void>;
  finalizeSession(session: object, serverData: string): void;
};

// The embedded Postgres of standalone mode, served to several real `pg` clients at once, as
// the three services and an operator's psql use it. The server runs in a child process
// (testing/pglite-host.ts): PGlite cannot load inside Jest's module sandbox.
describe('PGlite served to several clients', () => {
  let host: PgliteHost;
  let port: number;
  let url: string;
  let admin: Client;
  const open: Client[] = [];

  const client = async (): Promise<Client> => {
    const c = new Client({ connectionString: url });
    await c.connect();
    open.push(c);
    return c;
  };

  const count = async (): Promise<number> => (await admin.query<{ count: number }>('SELECT count(*)::int AS count FROM items')).rows[0]!.count;

  beforeAll(async () => {
    host = await startPgliteHost();
    ({ port, url } = host);
    admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query('CREATE TABLE items (id uuid PRIMARY KEY, amount float8 NOT NULL)');
  }, 60_000);

  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.end().catch(() => undefined)));
    await admin.query('DELETE FROM items');
  });

  afterAll(async () => {
    await admin?.end();
    await host?.stop();
  });

  it('never runs one client Bind against another client Parse: every answer belongs to its own query', async () => {
    const workers = await Promise.all([0, 1, 2].map(() => client()));
    const problems: string[] = [];
    let answered = 0;
    let stop = false;
    const work = workers.map(async (c, who) => {
      for (let n = 0; !stop; n++) {
        try {
          if (n % 3 === 0) {
            await c.query('BEGIN');
            await c.query('INSERT INTO items VALUES ($1, $2)', [randomUUID(), n + 0.5]);
            await c.query('COMMIT');
          } else {
            const text = who % 2 ? `SELECT $1::text AS v, ${who} AS who` : `SELECT $1::float8 AS v, ${who} AS who`;
            const sent = who % 2 ? `w${who}-${n}` : n + 0.25;
            const { rows } = await c.query<{ v: unknown; who: number }>(text, [sent]);
            if (rows[0]?.who !== who || rows[0]?.v !== sent) problems.push(`worker ${who} sent ${sent}, got ${JSON.stringify(rows)}`);
          }
          answered++;
        } catch (error) {
          problems.push(`worker ${who}: ${(error as Error).message}`);
        }
      }
    });
    // A short-lived client with a uuid parameter while the workers are busy: the shape of the
    // failure seen in CI ("invalid input syntax for type double precision").
    for (let probe = 0; probe < 60; probe++) {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        const { rows } = await c.query<{ id: string }>('SELECT $1::uuid AS id', [`00000000-0000-4000-8000-${String(probe).padStart(12, '0')}`]);
        if (!rows[0]?.id.endsWith(String(probe).padStart(12, '0'))) problems.push(`probe ${probe} got ${JSON.stringify(rows)}`);
      } catch (error) {
        problems.push(`probe ${probe}: ${(error as Error).message}`);
      } finally {
        await c.end();
      }
    }
    stop = true;
    await Promise.all(work);
    expect(problems).toEqual([]);
    expect(answered).toBeGreaterThan(60);
    expect(await count()).toBeGreaterThan(0);
  }, 120_000);

  it('runs no other client inside an open transaction: it waits, then sees only what was committed', async () => {
    const [owner, other] = [await client(), await client()];
    await owner.query('BEGIN');
    await owner.query('INSERT INTO items VALUES ($1, 1)', [randomUUID()]);
    let seen: number | undefined;
    const waiting = other.query<{ count: number }>('SELECT count(*)::int AS count FROM items').then(({ rows }) => (seen = rows[0]!.count));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toBeUndefined();
    await owner.query('ROLLBACK');
    await waiting;
    expect(seen).toBe(0);
  });

  it('rolls back the transaction of a client that disconnects inside it, and serves the others after', async () => {
    const [quitter, other] = [await client(), await client()];
    quitter.on('error', () => undefined); // its own connection is cut below
    await quitter.query('BEGIN');
    await quitter.query('INSERT INTO items VALUES ($1, 1)', [randomUUID()]);
    const waiting = other.query<{ count: number }>('SELECT count(*)::int AS count FROM items');
    (quitter as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    // One session: had the transaction stayed open, this would count its row.
    expect((await waiting).rows[0]!.count).toBe(0);
    // Nothing runs inside a leftover transaction: a committed row is there for every client.
    await other.query('INSERT INTO items VALUES ($1, 2)', [randomUUID()]);
    await other.end();
    expect(await count()).toBe(1);
  });

  /** A raw protocol client, started up (the password proved by SCRAM) and ready for queries. */
  async function rawClient(): Promise<{ socket: Socket; sent: (bytes: Buffer, until: string) => Promise<void> }> {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (data) => received.push(data));
    await once(socket, 'connect');
    const sent = async (bytes: Buffer, until: string | Buffer) => {
      const from = Buffer.concat(received).length;
      socket.write(bytes);
      await waitFor(() => Buffer.concat(received).subarray(from).includes(until));
      return Buffer.concat(received).subarray(from);
    };
    /** The data of the authentication request the server's answer starts with, which must have this code. */
    const authData = (bytes: Buffer, code: number): string => {
      expect([String.fromCharCode(bytes[0]!), bytes.readInt32BE(5)]).toEqual(['R', code]);
      return bytes.subarray(9, 1 + bytes.readInt32BE(1)).toString();
    };
    const session = sasl.startSession(['SCRAM-SHA-256']);
    const challenge = await sent(startupMessage(), 'SCRAM-SHA-256\0\0');
    expect(authData(challenge, 10)).toBe('SCRAM-SHA-256\0\0');
    const serverFirst = await sent(message('p', cstring('SCRAM-SHA-256'), int32(Buffer.byteLength(session.response)), Buffer.from(session.response)), ',i=');
    await sasl.continueSession(session, host.password, authData(serverFirst, 11));
    const final = await sent(message('p', Buffer.from(session.response)), 'Z\0\0\0\x05I');
    sasl.finalizeSession(session, authData(final, 12));
    return { socket, sent: async (bytes, until) => void (await sent(bytes, until)) };
  }

  it('ends the unfinished extended-protocol sequence of a client that disconnects in the middle of one', async () => {
    const other = await client();
    // A failing Parse followed by Flush (no Sync), then gone. Left as it was, the session would
    // discard every message up to the next Sync.
    const raw = await rawClient();
    await raw.sent(Buffer.concat([message('P', cstring(''), cstring('SELEKT 1'), int16(0)), message('H')]), 'SELEKT');
    raw.socket.destroy();
    const { rows } = await other.query<{ answer: number }>('SELECT $1::int + 1 AS answer', [41]);
    expect(rows).toEqual([{ answer: 42 }]);
  });

  it('commits nothing of a sequence executed without its Sync when the client disconnects', async () => {
    // As with a Postgres server: the implicit transaction of an unsynced Execute is rolled back.
    const raw = await rawClient();
    const insert = `INSERT INTO items VALUES ('${randomUUID()}', 3)`;
    const bind = message('B', cstring(''), cstring(''), int16(0), int16(0), int16(0));
    const execute = message('E', cstring(''), int32(0));
    await raw.sent(Buffer.concat([message('P', cstring(''), cstring(insert), int16(0)), bind, execute, message('H')]), 'INSERT 0 1');
    raw.socket.destroy();
    expect(await count()).toBe(0);
  });

  it('answers an SSL request with N, as a server without TLS does', async () => {
    const raw = connect(port, '127.0.0.1');
    await new Promise((resolve) => raw.once('connect', resolve));
    const answer = new Promise<Buffer>((resolve) => raw.once('data', resolve));
    raw.write(Buffer.concat([int32(8), int32(80_877_103)]));
    expect((await answer).toString()).toBe('N');
    raw.destroy();
  });
});
