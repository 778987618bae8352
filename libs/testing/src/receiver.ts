import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedCall {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown>;
  /**
   * Whether the call verifies under both schemes of SPEC §9.5 with the expected secret: the
   * Standard Webhooks headers (checked by the `standardwebhooks` package, the reference
   * implementation, timestamp tolerance included) and X-Webhook-Signature (the hex HMAC of the raw body).
   */
  signatureValid: boolean;
  /** The Standard Webhooks check alone. */
  standardValid: boolean;
  /** The X-Webhook-Signature check alone. */
  legacyValid: boolean;
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

/**
 * A real HTTP server standing in for a tenant's fulfillment API or webhook endpoint: it
 * records every call and verifies its signatures as a tenant would, under both schemes. A call
 * that fails either is answered 401 without reaching the test's script, so a sender that signs
 * wrongly can never see its call succeed.
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

  /** The Standard Webhooks check with the reference implementation: does the call verify under `secret`? */
  static verifiesStandard(secret: string, body: string, headers: IncomingMessage['headers']): boolean {
    try {
      new Webhook(secret).verify(body, {
        'webhook-id': String(headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(headers['webhook-signature'] ?? ''),
      });
      return true;
    } catch {
      return false; // a wrong signature, a timestamp out of tolerance, or a secret that is no whsec_ base64
    }
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
    const legacyValid = this.verify(body, String(req.headers['x-webhook-signature'] ?? ''));
    const standardValid = TestReceiver.verifiesStandard(this.secret, body, req.headers);
    const call: ReceivedCall = {
      at: Date.now(),
      headers: req.headers,
      body,
      json: safeJson(body),
      signatureValid: legacyValid && standardValid,
      standardValid,
      legacyValid,
    };
    this.calls.push(call);
    const reply = call.signatureValid ? await this.respond(call, this.calls.length - 1) : { status: 401, body: { error: 'bad signature' } };
    if (reply === 'hang') return; // never answers: the caller's timeout must fire
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
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
