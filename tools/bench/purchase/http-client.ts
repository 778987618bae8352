import { Agent, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  /** Read only for failures: a success's body is drained unparsed to keep the load generator cheap. */
  body: string;
}

/**
 * Sends requests (JSON POSTs, GETs) over a keep-alive agent with one socket per connection. node:http rather than
 * fetch: undici is not importable from node_modules here (only bundled inside Node), and
 * fetch costs noticeably more CPU per request — CPU the load generator takes from the
 * services under test on a small machine.
 */
export class KeepAliveClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, connections: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  postJson(path: string, headers: Record<string, string>, json: unknown): Promise<HttpAnswer> {
    const body = JSON.stringify(json);
    return this.send('POST', path, { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body);
  }

  get(path: string, headers: Record<string, string>): Promise<HttpAnswer> {
    return this.send('GET', path, headers);
  }

  private send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const req = request({ agent: this.agent, host: this.host, port: this.port, method, path, headers }, (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        const failed = status < 200 || status >= 300;
        res.on('data', (chunk: Buffer) => {
          if (failed) chunks.push(chunk);
        });
        res.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
