import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';

/*
 * Password authentication for the embedded Postgres, SCRAM-SHA-256 as a Postgres server does
 * it (RFC 5802/7677; the `pg` driver and psql speak it). Hand-written: pglite-socket forwards
 * the startup message straight to PGlite, which answers AuthenticationOk to anyone, and the one
 * server-side library we know of (pg-gateway) is pre-1.0 and would replace the framing our
 * SessionQueue relies on. Only the startup phase is ours: once the client has proved the
 * password, its startup message is replayed to pglite-socket, and PGlite's AuthenticationOk
 * completes the exchange.
 */

const PROTOCOL_3 = 196_608;
const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;
/** Type byte of the client's SASLInitialResponse and SASLResponse ('p'). */
const PASSWORD_MESSAGE = 0x70;
const MECHANISM = 'SCRAM-SHA-256';
const ITERATIONS = 4096;
/** No startup or SASL message of a real client comes near this. */
const MAX_MESSAGE_BYTES = 10_000;

/** What the server keeps of the password: never the password itself. */
export interface ScramVerifier {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

export function scramVerifier(password: string): ScramVerifier {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256');
  return { salt, storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

/** The SCRAM exchange of one client, from its first message to the server's signature. */
class ScramExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private gs2Header = '';
  private nonce = '';

  constructor(private readonly verifier: ScramVerifier) {}

  /** The client-first-message in, the server-first-message out; undefined for a malformed one. */
  first(message: string): string | undefined {
    // gs2-header: no channel binding ("n") or "supported but not offered" ("y"); we offer no -PLUS.
    const [, gs2Header, bare, clientNonce] = /^([ny],[^,]*,)(n=[^,]*,r=([\x21-\x2b\x2d-\x7e]+)(?:,.*)?)$/.exec(message) ?? [];
    if (!gs2Header || !bare || !clientNonce) return undefined;
    this.gs2Header = gs2Header;
    this.clientFirstBare = bare;
    this.nonce = clientNonce + randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${ITERATIONS}`;
    return this.serverFirst;
  }

  /** The client-final-message in, the server-final-message out when the proof holds. */
  final(message: string): string | undefined {
    const [, withoutProof, binding, nonce, proofText = ''] = /^(c=([^,]*),r=([^,]*)(?:,.*)?),p=([A-Za-z0-9+/=]+)$/.exec(message) ?? [];
    if (binding !== Buffer.from(this.gs2Header).toString('base64') || nonce !== this.nonce) return undefined;
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const proof = Buffer.from(proofText, 'base64');
    const signature = hmac(this.verifier.storedKey, authMessage);
    if (proof.length !== signature.length) return undefined;
    const clientKey = Buffer.from(proof.map((byte, i) => byte ^ (signature[i] ?? 0)));
    if (!timingSafeEqual(sha256(clientKey), this.verifier.storedKey)) return undefined;
    return `v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}`;
  }
}

function authentication(code: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(9);
  header.write('R', 0);
  header.writeInt32BE(8 + data.length, 1);
  header.writeInt32BE(code, 5);
  return Buffer.concat([header, data]);
}

/** A FATAL ErrorResponse, as Postgres ends a refused connection with. */
function fatal(sqlState: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${sqlState}\0M${message}\0\0`);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

function startupUser(startup: Buffer): string {
  const parts = startup.subarray(8).toString('utf8').split('\0');
  const index = parts.findIndex((part, i) => i % 2 === 0 && part === 'user');
  return index >= 0 ? (parts[index + 1] ?? '') : '';
}

/**
 * Runs the startup phase of one connection: answers SSL and GSSAPI requests with "N", asks
 * the client for the password by SCRAM-SHA-256 and checks it. Resolves with the bytes to hand
 * on (the startup message and anything the client sent after it), the socket paused, once the
 * client proved the password; with undefined once it was refused (the socket is closing then).
 */
export function authenticate(socket: Socket, verifier: ScramVerifier, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    let startup: Buffer | undefined;
    let exchange: ScramExchange | undefined;
    let finished = false;

    const finish = (rest: Buffer | undefined, answer?: Buffer) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      if (rest) {
        socket.pause();
        resolve(rest);
        return;
      }
      if (answer && socket.writable) socket.end(answer);
      else socket.destroy();
      resolve(undefined);
    };
    const refuse = (sqlState: string, message: string): false => {
      finish(undefined, fatal(sqlState, message));
      return false;
    };

    /** The next typed message ('p' during authentication), or undefined until it is complete. */
    const typed = (): Buffer | undefined => {
      if (buffered.length < 5) return undefined;
      const length = buffered.readInt32BE(1);
      if (buffered[0] !== PASSWORD_MESSAGE || length < 4 || length > MAX_MESSAGE_BYTES) {
        refuse('08P01', 'expected a password message');
        return undefined;
      }
      if (buffered.length < 1 + length) return undefined;
      const message = buffered.subarray(5, 1 + length);
      buffered = buffered.subarray(1 + length);
      return message;
    };

    const step = (): boolean => {
      if (!startup) {
        if (buffered.length < 8) return false;
        const length = buffered.readInt32BE(0);
        const code = buffered.readInt32BE(4);
        if (length < 8 || length > MAX_MESSAGE_BYTES) return refuse('08P01', 'invalid startup packet length');
        if (buffered.length < length) return false;
        const message = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          socket.write('N');
          return true;
        }
        // A cancel request has nothing to signal in PGlite (and must not be answered).
        if (code === CANCEL_REQUEST) {
          finish(undefined);
          return false;
        }
        if (code !== PROTOCOL_3) return refuse('0A000', 'unsupported frontend protocol');
        startup = message;
        socket.write(authentication(10, Buffer.from(`${MECHANISM}\0\0`)));
        return true;
      }
      const message = typed();
      if (!message) return false;
      const user = startupUser(startup);
      if (!exchange) {
        const mechanismEnd = message.indexOf(0);
        const mechanism = mechanismEnd < 0 ? '' : message.subarray(0, mechanismEnd).toString();
        if (mechanism !== MECHANISM || message.length < mechanismEnd + 5) return refuse('28000', `${MECHANISM} authentication is required`);
        exchange = new ScramExchange(verifier);
        const serverFirst = exchange.first(message.subarray(mechanismEnd + 5).toString('utf8'));
        if (!serverFirst) return refuse('08P01', 'malformed SCRAM message');
        socket.write(authentication(11, Buffer.from(serverFirst)));
        return true;
      }
      const serverFinal = exchange.final(message.toString('utf8'));
      if (!serverFinal) return refuse('28P01', `password authentication failed for user "${user}"`);
      socket.write(authentication(12, Buffer.from(serverFinal)));
      finish(Buffer.concat([startup, buffered]));
      return false;
    };

    const onData = (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      while (!finished && step());
    };
    const onClose = () => finish(undefined);
    // A client that never finishes its startup does not hold a connection for long.
    const timer = setTimeout(() => refuse('08006', 'authentication timed out'), timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.on('error', () => undefined); // a reset ends in 'close'
  });
}
