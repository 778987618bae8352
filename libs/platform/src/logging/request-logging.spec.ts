import Fastify from 'fastify';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { responseLogLevel } from './logging';
import { currentRequestLogger } from './log-context';
import { RequestLogging, logRequests } from './request-logging';

async function appLoggingAt(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  const root = pino({ level, base: { app: 'test' }, serializers: { req: (req: object) => req, res: (res: object) => res } }, stream);
  const logging = new RequestLogging(root, responseLogLevel(level), () => ({ request_id: 'r-1' }));
  const children = jest.spyOn(logging, 'loggerOf');
  const fastify = Fastify();
  logRequests(fastify, logging);
  fastify.get('/ok', async () => ({ ok: true }));
  fastify.get('/logs', async () => {
    currentRequestLogger()?.info({ step: 1 }, 'inside');
    return { ok: true };
  });
  fastify.get('/fails', async (_request, reply) => reply.code(503).send({ down: true }));
  await fastify.ready();
  return { fastify, lines, children };
}

describe('logRequests', () => {
  it('builds no request logger for a request that writes no line', async () => {
    const { fastify, lines, children } = await appLoggingAt('info');
    expect((await fastify.inject({ url: '/ok' })).statusCode).toBe(200);
    expect(children).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it('writes lines inside a request with its req and fields, and the finished line in pino-http’s shape', async () => {
    const { fastify, lines } = await appLoggingAt('debug');
    await fastify.inject({ url: '/logs?x=1', headers: { 'x-request-id': 'abc' } });
    await fastify.inject({ url: '/missing' });
    await fastify.inject({ url: '/fails' });
    expect(lines[0]).toMatchObject({ level: 30, req: { id: 'abc', method: 'GET', url: '/logs?x=1' }, request_id: 'r-1', step: 1, msg: 'inside' });
    expect(lines[1]).toMatchObject({ level: 20, req: { id: 'abc', url: '/logs?x=1' }, res: { statusCode: 200 }, msg: 'request completed' });
    expect(typeof lines[1]!['responseTime']).toBe('number');
    expect(lines[2]).toMatchObject({ level: 30, req: { url: '/missing' }, res: { statusCode: 404 }, msg: 'request completed' });
    expect(lines[3]).toMatchObject({ level: 50, res: { statusCode: 503 }, err: { message: 'failed with status code 503' }, msg: 'request errored' });
    expect(lines).toHaveLength(4);
  });
});
