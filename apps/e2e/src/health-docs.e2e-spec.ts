import { call, StackInfo } from '@phoenix/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eachMode } from './stacks';

describe.each(eachMode())('health, metrics and docs (%s)', (_mode, stack: StackInfo) => {
  it('every app answers /health/live, /health/ready and /metrics', async () => {
    for (const [app, url] of Object.entries(stack.httpUrls)) {
      expect({ app, live: (await call(url, 'GET', '/health/live')).status }).toEqual({ app, live: 200 });
      const ready = await call(url, 'GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ok');
      const metrics = await call(url, 'GET', '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      expect(metrics.body).toContain('process_resident_memory_bytes');
    }
    const catalogMetrics = await call(stack.httpUrls['rewards-catalog'], 'GET', '/metrics');
    expect(catalogMetrics.body).toContain('http_request_duration_seconds');
  });

  it('gateway metrics count requests by route and status', async () => {
    await call(stack.queryUrl, 'GET', '/v1/wallets/nobody');
    const metrics = await call(stack.queryUrl, 'GET', '/metrics');
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
