import { GatewayBeside, rawConnection, RawConnection, scrapeMetrics, StackInfo, startGatewayBeside } from '@phoenix/testing';
import { resolve } from 'node:path';
import { eachMode } from './stacks';

const workspaceRoot = resolve(__dirname, '../../..');

// Slow and crowding clients (security report, point 4): sockets that never finish their
// headers or body are answered 408 and closed, idle keep-alive connections close, and one
// address cannot hold more than its share of connections. The stack's own gateways show the
// default header deadline; gateways started beside it, with short limits, show the rest.

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
const KEEP_ALIVE_TIMEOUT_MS = 1_000;
const CAP = 4;

/** Node finds expired sockets on a timer (at most a second apart here); a loaded machine adds more. */
const SLACK_MS = 2_500;

const partialHeaders = 'GET /health/live HTTP/1.1\r\nHost: phoenix.test\r\n';
// The gateways' public ports serve no health route: a path no route serves, answered 404 at once.
const fullRequest = 'GET /no-such-route HTTP/1.1\r\nHost: phoenix.test\r\n\r\n';
const ANSWERED = 'HTTP/1.1 404 Not Found';

/** What a server did with a connection it closed: the status line it sent and when it closed. */
async function closing(connection: RawConnection, timeoutMs: number): Promise<{ status: string; afterMs: number | undefined }> {
  const afterMs = await connection.closed(timeoutMs);
  connection.socket.destroy();
  return { status: connection.received().split('\r\n')[0] ?? '', afterMs };
}

describe.each(eachMode())('%s: slow and crowding HTTP clients', (_mode, stack: StackInfo) => {
  it("the stack's gateways (public and operations ports) and services answer 408 and close a connection whose headers stall, within HTTP_HEADERS_TIMEOUT_MS (default 10 s)", async () => {
    const urls = [stack.queryUrl, stack.adminUrl, stack.opsUrls['query-gateway'], stack.opsUrls['rewards-catalog']];
    const results = await Promise.all(
      urls.map(async (url) => {
        const connection = await rawConnection(url);
        connection.socket.write(partialHeaders);
        return closing(connection, 10_000 + SLACK_MS);
      }),
    );
    for (const result of results) {
      expect(result.status).toBe('HTTP/1.1 408 Request Timeout');
      expect(result.afterMs).toBeGreaterThanOrEqual(9_500);
    }
  }, 30_000);

  describe('a query gateway with short timeouts', () => {
    let gateway: GatewayBeside;

    beforeAll(async () => {
      gateway = await startGatewayBeside(stack, 'query-gateway', {
        workspaceRoot,
        env: {
          HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
          HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
          HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
        },
      });
    }, 90_000);

    afterAll(async () => {
      await gateway?.stop();
    });

    it('answers 408 and closes a connection whose headers stall past HTTP_HEADERS_TIMEOUT_MS', async () => {
      const connection = await rawConnection(gateway.url);
      connection.socket.write(partialHeaders);
      const { status, afterMs } = await closing(connection, HEADERS_TIMEOUT_MS + SLACK_MS);
      expect(status).toBe('HTTP/1.1 408 Request Timeout');
      expect(afterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
    });

    it('answers 408 and closes a connection whose body trickles past HTTP_REQUEST_TIMEOUT_MS', async () => {
      const connection = await rawConnection(gateway.url);
      connection.socket.write('POST /v1/rewards/purchase/slow-reward HTTP/1.1\r\nHost: phoenix.test\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
      // A byte every 200 ms: never idle long enough for an inactivity timeout, never complete.
      const trickle = setInterval(() => connection.socket.writable && connection.socket.write(' '), 200);
      try {
        const { status, afterMs } = await closing(connection, REQUEST_TIMEOUT_MS + SLACK_MS);
        expect(status).toBe('HTTP/1.1 408 Request Timeout');
        expect(afterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
      } finally {
        clearInterval(trickle);
      }
    });

    it('serves a request whose body arrives slowly but within the deadlines', async () => {
      const connection = await rawConnection(gateway.url);
      const body = '{"quantity":1}';
      connection.socket.write(`POST /v1/rewards/purchase/slow-reward HTTP/1.1\r\nHost: phoenix.test\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      for (const char of body) {
        connection.socket.write(char);
        await new Promise((r) => setTimeout(r, 30));
      }
      // Unauthenticated, so a 401: what matters is that it was read and answered, not timed out.
      await connection.waitFor('\r\n\r\n');
      expect(connection.received().split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
      connection.socket.destroy();
    });

    it('closes an idle keep-alive connection after HTTP_KEEP_ALIVE_TIMEOUT_MS', async () => {
      const connection = await rawConnection(gateway.url);
      connection.socket.write(fullRequest);
      await connection.waitFor('"statusCode"');
      const { status, afterMs } = await closing(connection, KEEP_ALIVE_TIMEOUT_MS + SLACK_MS);
      expect(status).toBe(ANSWERED);
      expect(afterMs).toBeDefined();
    });
  });

  describe(`an admin gateway allowing ${CAP} connections per address`, () => {
    let gateway: GatewayBeside;
    const open: RawConnection[] = [];

    beforeAll(async () => {
      gateway = await startGatewayBeside(stack, 'admin-gateway', { workspaceRoot, env: { HTTP_MAX_CONNECTIONS_PER_IP: String(CAP) } });
    }, 90_000);

    afterAll(async () => {
      for (const connection of open) connection.socket.destroy();
      await gateway?.stop();
    });

    /** A request on an open connection, answered. */
    const served = async (connection: RawConnection): Promise<string> => {
      const before = connection.received().length;
      connection.socket.write(fullRequest);
      await connection.waitFor('"statusCode"');
      return connection.received().slice(before).split('\r\n')[0]!;
    };

    // Other loopback addresses than the test's own, so that no fetch connection counts.
    it('answers 429 and closes connections past the cap from one address, and keeps serving the open ones and other addresses', async () => {
      for (let i = 0; i < CAP; i++) open.push(await rawConnection(gateway.url, '127.0.0.2'));
      const excess = await rawConnection(gateway.url, '127.0.0.2');
      const refused = await closing(excess, 5_000);
      expect(refused.status).toBe('HTTP/1.1 429 Too Many Requests');
      expect(JSON.parse(excess.received().split('\r\n\r\n')[1]!)).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        code: 'RATE_LIMITED',
        message: `Too many open connections from this address (at most ${CAP})`,
      });

      for (const connection of open) expect(await served(connection)).toBe(ANSWERED);
      const elsewhere = await rawConnection(gateway.url, '127.0.0.3');
      expect(await served(elsewhere)).toBe(ANSWERED);
      elsewhere.socket.destroy();

      // A connection that closes gives its slot back.
      open.shift()!.socket.destroy();
      await new Promise((r) => setTimeout(r, 200));
      const again = await rawConnection(gateway.url, '127.0.0.2');
      open.push(again);
      expect(await served(again)).toBe(ANSWERED);

      const metrics = await scrapeMetrics(gateway.opsUrl);
      expect(metrics('http_connections_refused_total')).toBe(1);
    });
  });
});
