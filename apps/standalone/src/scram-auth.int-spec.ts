import { once } from 'node:events';
import { connect } from 'node:net';
import { Client } from 'pg';
import { PgliteHost, startPgliteHost } from './testing/start-pglite-host';
import { cstring, message, startupMessage, waitFor } from './testing/wire-messages';

// The embedded Postgres asks every client for its password (security report, point 8): any
// local process could otherwise read every tenant's secrets. The server runs in a child
// process (testing/pglite-host.ts), as in pglite-wire-server.int-spec.ts.
describe('PGlite served with a password', () => {
  let host: PgliteHost;

  beforeAll(async () => {
    host = await startPgliteHost();
  }, 60_000);

  afterAll(async () => {
    await host?.stop();
  });

  const withPassword = (password: string | undefined) => {
    const url = new URL(host.url);
    url.password = password ?? '';
    return url.toString();
  };

  /** What the server answers a connection that sends `bytes` and then waits; the socket is closed by then. */
  async function rawAnswer(bytes: Buffer): Promise<{ answer: string; closed: boolean }> {
    const socket = connect(host.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (data) => received.push(data));
    socket.on('error', () => undefined);
    let closed = false;
    socket.once('close', () => (closed = true));
    await once(socket, 'connect');
    socket.write(bytes);
    await waitFor(() => closed).catch(() => undefined);
    socket.destroy();
    return { answer: Buffer.concat(received).toString('latin1'), closed };
  }

  it('serves a client that gives the password (SCRAM-SHA-256)', async () => {
    const client = new Client({ connectionString: host.url });
    await client.connect();
    try {
      expect((await client.query<{ answer: number }>('SELECT 41 + 1 AS answer')).rows).toEqual([{ answer: 42 }]);
    } finally {
      await client.end();
    }
  });

  it('refuses a wrong password with 28P01', async () => {
    const client = new Client({ connectionString: withPassword('not-the-password') });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toMatchObject({ code: '28P01', message: 'password authentication failed for user "postgres"' });
  });

  it('asks for the password: a client without one cannot go on', async () => {
    const client = new Client({ connectionString: withPassword(undefined) });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toThrow(/password/);
  });

  it('runs nothing for a client that skips authentication and sends a query at once', async () => {
    const query = message('Q', cstring("SELECT 'leaked' AS secret"));
    const { answer, closed } = await rawAnswer(Buffer.concat([startupMessage(), query]));
    expect(closed).toBe(true);
    // The SASL request, then a FATAL error: no AuthenticationOk, no ReadyForQuery, no row.
    expect(answer).toContain('SCRAM-SHA-256');
    expect(answer).toContain('expected a password message');
    expect(answer).not.toContain('leaked');
    expect(answer).not.toContain('Z\0\0\0\x05');
  });

  it('refuses a password message that is not a SCRAM exchange (cleartext)', async () => {
    const cleartext = message('p', cstring(host.password));
    const { answer, closed } = await rawAnswer(Buffer.concat([startupMessage(), cleartext]));
    expect(closed).toBe(true);
    expect(answer).toContain('SCRAM-SHA-256 authentication is required');
    expect(answer).not.toContain('Z\0\0\0\x05');
  });
});
