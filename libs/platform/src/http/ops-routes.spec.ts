import { ReadinessRegistry } from '../health/health';
import { Metrics } from '../metrics/metrics';
import { DEFAULT_HTTP_SERVER_LIMITS } from './http-server-limits';
import { OpsServer, startOpsServer } from './ops-routes';

describe('the operations port (a gateway’s health and metrics listener)', () => {
  let server: OpsServer;
  let failing = false;

  beforeAll(async () => {
    const readiness = new ReadinessRegistry();
    readiness.add({
      name: 'rewards-catalog',
      check: async () => {
        if (failing) throw new Error('no answer');
      },
    });
    server = await startOpsServer({ host: '127.0.0.1', port: 0, limits: DEFAULT_HTTP_SERVER_LIMITS }, { readiness, metrics: new Metrics() });
  });

  afterAll(() => server.close());

  const get = (path: string, method = 'GET') => fetch(`${server.url}${path}`, { method });

  it('answers /health/live, /health/ready (200, then 503 naming the failing check) and /metrics', async () => {
    expect(await (await get('/health/live')).json()).toEqual({ status: 'ok' });
    const ready = await get('/health/ready?verbose=1');
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ok', checks: [{ name: 'rewards-catalog', required: true, status: 'ok' }] } });
    failing = true;
    const unready = await get('/health/ready');
    expect({ status: unready.status, body: await unready.json() }).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: [{ name: 'rewards-catalog', required: true, status: 'failing', error: 'no answer' }] },
    });
    failing = false;
    const metrics = await get('/metrics');
    expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await metrics.text()).toContain('process_resident_memory_bytes');
  });

  it('serves nothing else: 404 for any other path, 405 with Allow for another method, HEAD without a body', async () => {
    const missing = await get('/v1/wallets/alice');
    expect({ status: missing.status, body: await missing.json() }).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'Route GET:/v1/wallets/alice not found' },
    });
    const wrong = await get('/metrics', 'POST');
    expect({ status: wrong.status, allow: wrong.headers.get('allow'), code: ((await wrong.json()) as { code: string }).code }).toEqual({
      status: 405,
      allow: 'GET, HEAD',
      code: 'METHOD_NOT_ALLOWED',
    });
    const head = await get('/health/live', 'HEAD');
    expect({ status: head.status, body: await head.text() }).toEqual({ status: 200, body: '' });
  });
});
