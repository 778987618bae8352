import { call, GatewayBeside, StackInfo, startGatewayBeside } from '@phoenix/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eachMode, stacks } from './stacks';

const workspaceRoot = join(__dirname, '..', '..', '..');
const OPS_PATHS = ['/health/live', '/health/ready', '/health', '/metrics'];
const DOCS_PATHS = ['/docs', '/docs/', '/docs-json', '/docs/swagger-ui.css'];

describe.each(eachMode())('health, metrics and docs (%s)', (_mode, stack: StackInfo) => {
  it("every app answers /health/live, /health/ready and /metrics on its operations port", async () => {
    for (const [app, url] of Object.entries(stack.opsUrls)) {
      expect({ app, live: (await call(url, 'GET', '/health/live')).status }).toEqual({ app, live: 200 });
      const ready = await call(url, 'GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ok');
      const metrics = await call(url, 'GET', '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      expect(metrics.body).toContain('process_resident_memory_bytes');
    }
    const catalogMetrics = await call(stack.opsUrls['rewards-catalog'], 'GET', '/metrics');
    expect(catalogMetrics.body).toContain('http_request_duration_seconds');
  });

  it("the gateways' public ports answer 404 for health and metrics, in the error shape", async () => {
    for (const [gateway, url] of [['query', stack.queryUrl], ['admin', stack.adminUrl]] as const) {
      for (const path of OPS_PATHS) {
        const response = await call(url, 'GET', path);
        expect({ gateway, path, status: response.status, code: response.body?.code }).toEqual({ gateway, path, status: 404, code: 'NOT_FOUND' });
      }
    }
  });

  it('an operations port serves nothing else: the API is 404 there, another method 405', async () => {
    const ops = stack.opsUrls['query-gateway'];
    expect((await call(ops, 'GET', '/v1/wallets/nobody')).status).toBe(404);
    expect((await call(ops, 'GET', '/docs-json')).status).toBe(404);
    const wrong = await call(ops, 'POST', '/metrics');
    expect({ status: wrong.status, allow: wrong.headers.get('allow'), code: wrong.body?.code }).toEqual({ status: 405, allow: 'GET, HEAD', code: 'METHOD_NOT_ALLOWED' });
  });

  it('gateway metrics count requests by route and status', async () => {
    await call(stack.queryUrl, 'GET', '/v1/wallets/nobody');
    const metrics = await call(stack.opsUrls['query-gateway'], 'GET', '/metrics');
    expect(metrics.body).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/v1\/wallets\/:user_id"[^}]*status="401"[^}]*\} [1-9]/);
  });

  it.each([
    ['admin', (s: StackInfo) => s.adminUrl],
    ['query', (s: StackInfo) => s.queryUrl],
  ])('the %s gateway documents every route with its auth scheme and schemas', async (name, url) => {
    const ui = await fetch(`${url(stack)}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    // The page's assets: swagger-ui-dist's own, and our start-up script pointing it at /docs-json.
    for (const asset of ['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/phoenix-ui-init.js']) {
      expect({ asset, status: (await fetch(`${url(stack)}${asset}`)).status }).toEqual({ asset, status: 200 });
    }
    for (const page of ['/docs/', '/docs/index.html']) expect(await (await fetch(`${url(stack)}${page}`)).text()).toContain('data-url="../docs-json"');
    const doc = await call(url(stack), 'GET', '/docs-json');
    expect(doc.status).toBe(200);
    // The built bundle serves the committed document (openapi/, written by npm run openapi).
    expect(doc.body).toEqual(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'openapi', `${name}-gateway.json`), 'utf8')));
    const paths = Object.entries(doc.body.paths as Record<string, Record<string, any>>);
    expect(paths.length).toBeGreaterThan(0);
    for (const [path, operations] of paths) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect({ where, security: operation.security?.length > 0 }).toEqual({ where, security: true });
        const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
        expect({ where, response: Boolean((success?.[1] as any)?.content?.['application/json']?.schema) }).toEqual({ where, response: true });
        if (operation.requestBody) {
          expect({ where, body: Boolean(operation.requestBody.content?.['application/json']?.schema) }).toEqual({ where, body: true });
        }
      }
    }
    for (const scheme of Object.keys(doc.body.components.securitySchemes)) {
      expect(['platform-key', 'tenant-api-key', 'admin-jwt', 'user-jwt', 'hmac']).toContain(scheme);
    }
  });
});

describe('docs on the public port only when DOCS_PUBLIC=true (distributed, a gateway of its own)', () => {
  const stack = stacks().find((s) => s.mode === 'distributed')!;
  let gateway: GatewayBeside;

  beforeAll(async () => {
    gateway = await startGatewayBeside(stack, 'admin-gateway', { workspaceRoot, env: { DOCS_PUBLIC: 'false' } });
  }, 90_000);

  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers 404 for /docs and /docs-json with DOCS_PUBLIC=false, and still serves health and metrics on its operations port', async () => {
    for (const path of DOCS_PATHS) expect({ path, status: (await fetch(`${gateway.url}${path}`)).status }).toEqual({ path, status: 404 });
    expect((await call(gateway.opsUrl, 'GET', '/health/ready')).status).toBe(200);
    expect((await call(gateway.opsUrl, 'GET', '/metrics')).status).toBe(200);
  });
});
