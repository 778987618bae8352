import { connect, type Socket } from 'node:net';

/** A plain TCP connection to an HTTP server, for tests of what a client library never sends. */
export interface RawConnection {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves once the server sent `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Milliseconds from `connect` until the connection closed, or undefined if still open after `timeoutMs`. */
  closed(timeoutMs: number): Promise<number | undefined>;
}

/** Connects to `url`'s host and port, from `localAddress` when given (any 127.x.y.z on Linux). */
export async function rawConnection(url: string, localAddress?: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port), ...(localAddress ? { localAddress } : {}) });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined); // a reset is one way a server closes; `closed` reports it
  const started = Date.now();
  let closedAt: number | undefined;
  const ended = new Promise<void>((resolve) => socket.once('close', () => ((closedAt = Date.now()), resolve())));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const received = () => Buffer.concat(chunks).toString('utf8');
  return {
    socket,
    received,
    waitFor: async (text, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!received().includes(text)) {
        if (Date.now() > deadline) throw new Error(`no ${JSON.stringify(text)} from ${url} within ${timeoutMs} ms; got ${JSON.stringify(received())}`);
        if (closedAt !== undefined) throw new Error(`${url} closed the connection without ${JSON.stringify(text)}; got ${JSON.stringify(received())}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    closed: async (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      return closedAt === undefined ? undefined : closedAt - started;
    },
  };
}
