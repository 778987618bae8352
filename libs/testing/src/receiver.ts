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
 * records every call and verifies its signature as a tenant would. A call whose
 * X-Webhook-Signature is not the HMAC of its raw body is answered 401 without reaching the
 * test's script, so a sender that signs wrongly can never see its call succeed.
 */
export class TestReceiver {
  readonly calls: ReceivedCall[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private secret: string,
    private readonly respond: (call: ReceivedCall, index: number) => Reply | Promise<Reply>,
  ) {}

  static async start(secret: string, respond: (call: ReceivedCall, index: number) => Reply | Promise<Reply>): Promise<TestReceiver> {
    const holder: { receiver?: TestReceiver } = {};
    const server = createServer((req, res) => void holder.receiver?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.receiver = new TestReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/fulfil`, secret, respond);
    return holder.receiver;
  }

  useSecret(secret: string): void {
    this.secret = secret;
  }

  /** The receiver's own check: is `signature` the hex HMAC-SHA256 of `body` under its secret? */
  verify(body: string, signature: string): boolean {
    const expected = createHmac('sha256', this.secret).update(body).digest();
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Calls that failed signature verification (answered 401). */
  get unsigned(): ReceivedCall[] {
    return this.calls.filter((call) => !call.signatureValid);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const call: ReceivedCall = {
      at: Date.now(),
      headers: req.headers,
      body,
      json: safeJson(body),
      signatureValid: this.verify(body, String(req.headers['x-webhook-signature'] ?? '')),
    };
    this.calls.push(call);
    const reply = call.signatureValid ? await this.respond(call, this.calls.length - 1) : { status: 401, body: { error: 'bad signature' } };
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
