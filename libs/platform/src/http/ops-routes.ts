import { ErrorCode } from '@phoenix/contracts';
import type { FastifyInstance } from 'fastify';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpServerConfig } from '../config/config';
import type { ReadinessRegistry } from '../health/health';
import type { Metrics } from '../metrics/metrics';
import { httpErrorBody } from './http-errors';
import { capConnectionsPerAddress, serverTimeouts } from './http-server-limits';

/** What the operations routes report on. */
export interface OpsSources {
  readiness: ReadinessRegistry;
  metrics: Metrics;
}

interface OpsAnswer {
  status: number;
  contentType: string;
  body: string;
}

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The operations routes, the same wherever they are served: `/health/live` (200 while the
 * process answers), `/health/ready` (200 when every readiness check passes, else 503) and
 * `/metrics` (Prometheus text).
 */
const OPS_ROUTES: Record<string, (sources: OpsSources) => Promise<OpsAnswer>> = {
  '/health/live': async () => ({ status: 200, contentType: JSON_TYPE, body: JSON.stringify({ status: 'ok' }) }),
  '/health/ready': async ({ readiness }) => {
    const report = await readiness.report();
    return { status: report.status === 'unavailable' ? 503 : 200, contentType: JSON_TYPE, body: JSON.stringify(report) };
  },
  '/metrics': async ({ metrics }) => ({ status: 200, contentType: PROMETHEUS_TEXT, body: await metrics.registry.metrics() }),
};

/** The operations routes on an app's own Fastify instance: a service, whose HTTP side is its operations port. */
export function serveOpsRoutes(fastify: FastifyInstance, sources: OpsSources): void {
  for (const [path, answer] of Object.entries(OPS_ROUTES)) {
    fastify.get(path, async (_request, reply) => {
      const { status, contentType, body } = await answer(sources);
      return reply.code(status).type(contentType).send(body);
    });
  }
}

export interface OpsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A gateway's operations port: the operations routes on a listener of their own, so probes and
 * scrapes never share the public port (which answers 404 for them). A plain `node:http` server
 * with the limits of every other listener: three GET routes need no framework.
 */
export async function startOpsServer(options: { host: string; port: number; limits: HttpServerConfig }, sources: OpsSources): Promise<OpsServer> {
  const timeouts = serverTimeouts(options.limits);
  const server = createServer({ ...timeouts.http, keepAliveTimeout: timeouts.keepAliveTimeout }, (request, response) => {
    void answerOps(request, response, sources);
  });
  capConnectionsPerAddress(server, options.limits.HTTP_MAX_CONNECTIONS_PER_IP);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://${options.host}:${port}`, close: () => closeServer(server) };
}

async function answerOps(request: IncomingMessage, response: ServerResponse, sources: OpsSources): Promise<void> {
  const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
  const route = OPS_ROUTES[path];
  let answer: OpsAnswer;
  if (!route) {
    answer = errorAnswer(404, ErrorCode.NotFound, `Route ${request.method ?? 'GET'}:${path} not found`);
  } else if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    answer = errorAnswer(405, ErrorCode.MethodNotAllowed, `${request.method} is not allowed on ${path}: it takes GET, HEAD`);
  } else {
    try {
      answer = await route(sources);
    } catch (error) {
      answer = errorAnswer(500, ErrorCode.Internal, (error as Error).message);
    }
  }
  response.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body) });
  response.end(request.method === 'HEAD' ? undefined : answer.body);
}

function errorAnswer(status: number, code: ErrorCode, message: string): OpsAnswer {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(httpErrorBody(status, code, message)) };
}

/** Stops listening; the probes' short keep-alive connections are closed rather than waited for. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
