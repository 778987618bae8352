import { AppError, ErrorCode } from '@phoenix/contracts';
import type { FastifyHttpOptions } from 'fastify';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { HttpServerConfig, httpServerShape } from '../config/config';
import { toHttpError } from './http-errors';

/** The limits an app gets when its caller passes none: the config defaults. */
export const DEFAULT_HTTP_SERVER_LIMITS: HttpServerConfig = z.object(httpServerShape).parse({});

/**
 * Node's timeouts for the listener. Fastify leaves them off (requestTimeout 0), and Node then
 * checks headers only every 30 s against a 60 s deadline, so a slow-header socket lived for up
 * to 90 s. Both deadlines answer 408 and close the connection (Fastify's clientError handler).
 */
export function serverTimeouts(limits: HttpServerConfig): Pick<FastifyHttpOptions<Server>, 'requestTimeout' | 'keepAliveTimeout' | 'http'> {
  const requestTimeout = limits.HTTP_REQUEST_TIMEOUT_MS;
  // Node refuses a headers deadline past the request deadline.
  const headersTimeout = Math.min(limits.HTTP_HEADERS_TIMEOUT_MS, requestTimeout);
  return {
    requestTimeout,
    keepAliveTimeout: limits.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    http: {
      requestTimeout,
      headersTimeout,
      // How often Node looks for sockets past a deadline: a deadline is kept to within a second.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
  };
}

/**
 * Caps the connections one remote address holds open at once; the one over the cap is answered
 * 429 and closed. Hand-written: Node's `maxConnections` caps the whole listener (one client
 * could still take every slot), and the Fastify plugins we know of limit request rates, not
 * open sockets. The address is the socket's peer: behind a proxy every client shares its address.
 */
export function capConnectionsPerAddress(server: Server, cap: number, onRefused: () => void = () => undefined): void {
  if (cap <= 0) return;
  const refusal = refusalResponse(cap);
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= cap) {
      onRefused();
      socket.end(refusal, () => socket.destroy());
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

function refusalResponse(cap: number): Buffer {
  const { body } = toHttpError(new AppError(ErrorCode.RateLimited, `Too many open connections from this address (at most ${cap})`));
  const json = JSON.stringify(body);
  return Buffer.from(
    `HTTP/1.1 ${body.statusCode} ${body.error}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}
