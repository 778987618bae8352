import type { FastifyInstance } from 'fastify';

/**
 * Once the app is closing, every response goes out with `Connection: close`. Fastify's close
 * waits for open connections; Node reaps the idle keep-alive ones when the listener closes,
 * but a connection busy at that moment becomes idle only after its response and would then
 * hold the close for the whole keep-alive timeout (72 s), past any shutdown deadline.
 * Requests arriving during the close are answered 503 by Fastify (`return503OnClosing`).
 */
export function closeConnectionsOnShutdown(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}
