import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { VettedUrl } from './outbound-url';
import { pinnedPost } from './pinned-request';

// A real loopback server; the URLs name hosts that do not exist (.test), so a request can only
// arrive if it went to the pinned address without resolving the name.
describe('pinnedPost', () => {
  let server: Server;
  let port: number;
  const seen: Array<{ host: string | undefined; body: string }> = [];
  let respond: (req: IncomingMessage, res: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ host: req.headers.host, body: Buffer.concat(chunks).toString('utf8') });
        respond(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('connects to the vetted address and keeps the URL host in the Host header', async () => {
    respond = (_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"external_id":"E-1"}');
    const url = new VettedUrl(new URL(`http://hooks.example.test:${port}/fulfil`), { address: '127.0.0.1', family: 4 });
    const response = await pinnedPost(url, { 'content-type': 'application/json' }, '{"a":1}', AbortSignal.timeout(5_000));
    expect(response).toEqual({ status: 201, text: '{"external_id":"E-1"}' });
    expect(seen).toEqual([{ host: `hooks.example.test:${port}`, body: '{"a":1}' }]);
  });

  it('does not follow redirects', async () => {
    respond = (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    const url = new VettedUrl(new URL(`http://hooks.example.test:${port}/`), { address: '127.0.0.1', family: 4 });
    expect((await pinnedPost(url, {}, '{}', AbortSignal.timeout(5_000))).status).toBe(302);
    expect(seen).toHaveLength(1);
  });

  it('gives up when the signal fires, also in the middle of a response body', async () => {
    respond = (_req, res) => res.writeHead(200).write('partial'); // never ends
    const url = new VettedUrl(new URL(`http://hooks.example.test:${port}/`), { address: '127.0.0.1', family: 4 });
    await expect(pinnedPost(url, {}, '{}', AbortSignal.timeout(300))).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
