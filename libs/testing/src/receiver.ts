import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedCall {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown>;
  /** Whether X-Webhook-Signature is the HMAC of the raw body with the expected secret. */
  signatureValid: boolean;
}

export type Reply = { status: number; body?: unknown } | 'hang';

/**
 * A real HTTP server standing in for a tenant's fulfillment API or webhook endpoint: it
 * records every call, verifies its signature, and answers as the test scripts it.
 */
export class TestReceiver {
  readonly calls: ReceivedCall[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private secret: string,
    private readonly respond: (call: ReceivedCall, index: number) => Reply,
  ) {}

  static async start(secret: string, respond: (call: ReceivedCall, index: number) => Reply): Promise<TestReceiver> {
    const holder: { receiver?: TestReceiver } = {};
    const server = createServer((req, res) => void holder.receiver?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.receiver = new TestReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/fulfil`, secret, respond);
    return holder.receiver;
  }

  useSecret(secret: string): void {
    this.secret = secret;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const expected = createHmac('sha256', this.secret).update(body).digest();
    const given = Buffer.from(String(req.headers['x-webhook-signature'] ?? ''), 'hex');
    const call: ReceivedCall = {
      at: Date.now(),
      headers: req.headers,
      body,
      json: safeJson(body),
      signatureValid: given.length === expected.length && timingSafeEqual(given, expected),
    };
    this.calls.push(call);
    const reply = this.respond(call, this.calls.length - 1);
    if (reply === 'hang') return; // never answers: the caller's timeout must fire
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }
}

function safeJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
