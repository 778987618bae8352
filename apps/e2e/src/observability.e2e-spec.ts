import {
  AppName,
  call,
  createReward,
  createTenant,
  createTestDatabase,
  credit,
  eventually,
  SupervisedApps,
  TestDatabase,
  TestReceiver,
  TestTenant,
  userToken,
} from '@phoenix/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');
const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';

type LogLine = Record<string, unknown>;

/** The JSON lines of an app's log (anything else it printed is skipped). */
function logLines(apps: SupervisedApps, app: AppName): LogLine[] {
  return readFileSync(apps.logFile(app), 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as unknown;
        return parsed && typeof parsed === 'object' ? [parsed as LogLine] : [];
      } catch {
        return [];
      }
    });
}

/** Prometheus text format: the value of the series `name{labels}` (labels in any order), summed over the rest. */
function series(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) total = (total ?? 0) + Number(match[3]);
  }
  return total;
}

/** An OTLP/HTTP collector of our own: keeps the body of every export it receives, by path. */
async function startCollector(): Promise<{ url: string; exports: Array<{ path: string; body: string }>; server: Server }> {
  const exports: Array<{ path: string; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      exports.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, exports, server };
}

/** One span of an OTLP/HTTP JSON export, with the service that sent it and the library that made it. */
interface ExportedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/** OTLP's span kinds. */
const KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean };
type OtlpAttribute = { key: string; value: OtlpValue };

/** Every span the collector received, from the JSON bodies of its /v1/traces exports. */
function exportedSpans(exports: Array<{ path: string; body: string }>): ExportedSpan[] {
  const value = (v: OtlpValue) => v.stringValue ?? v.intValue ?? v.boolValue;
  const attributes = (list: OtlpAttribute[] = []) => Object.fromEntries(list.map((a) => [a.key, value(a.value)]));
  return exports
    .filter((e) => e.path === '/v1/traces')
    .flatMap((e) => {
      const body = JSON.parse(e.body) as {
        resourceSpans: Array<{
          resource: { attributes: OtlpAttribute[] };
          scopeSpans: Array<{ scope: { name: string }; spans: Array<Omit<ExportedSpan, 'service' | 'scope' | 'attributes'> & { attributes?: OtlpAttribute[] }> }>;
        }>;
      };
      return body.resourceSpans.flatMap((resource) => {
        const service = String(attributes(resource.resource.attributes)['service.name']);
        return resource.scopeSpans.flatMap((scope) =>
          scope.spans.map((span) => ({ ...span, parentSpanId: span.parentSpanId ?? '', service, scope: scope.scope.name, attributes: attributes(span.attributes) })),
        );
      });
    });
}

/** The spans of `span`'s path up to the root of its trace (itself first), within `spans`. */
function ancestry(spans: ExportedSpan[], span: ExportedSpan): ExportedSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const path = [span];
  for (let parent = byId.get(span.parentSpanId); parent && path.length < 100; parent = byId.get(parent.parentSpanId)) path.push(parent);
  return path;
}

// Logs, traces and metrics of the distributed stack, read the way an operator would: each
// app's JSON log lines and its /metrics page.
describe('observability (distributed, supervised apps)', () => {
  let database: TestDatabase;
  let apps: SupervisedApps;
  let tenant: TestTenant;
  let receiver: TestReceiver;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  const metrics = async (app: AppName) => (await call(apps.environment.opsUrls[app], 'GET', '/metrics')).body as string;
  const admin = (method: string, path: string, json?: unknown) =>
    call(apps.adminUrl, method, `/v1/tenants/${tenant.id}${path}`, { headers: { 'x-api-key': tenant.api_key }, ...(json !== undefined ? { json } : {}) });

  beforeAll(async () => {
    database = await createTestDatabase('phoenix_observability');
    collector = await startCollector();
    apps = await SupervisedApps.start({
      workspaceRoot,
      databaseUrl: database.url,
      kafkaBrokers: BROKERS,
      env: { LOG_LEVEL: 'debug', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
    });
    tenant = await createTenant({ adminUrl: apps.adminUrl, platformKey: apps.platformKey });
    receiver = await TestReceiver.start('pending', () => ({ status: 200, body: {} }));
    const hook = await admin('POST', '/webhooks', { url: receiver.url, events: ['order.completed'] });
    receiver.useSecret(hook.body.secret);
  }, 180_000);

  afterAll(async () => {
    await receiver?.close();
    await apps?.stopAll();
    collector?.server.close();
    await database?.drop();
  }, 60_000);

  it('one purchase: its trace id is on the log lines of the gateway, rewards-catalog and grants-analytics (with its request, tenant and order ids) and on spans exported to the collector', async () => {
    const reward = await createReward({ adminUrl: apps.adminUrl }, tenant, { fields: [], stock: null, purchase: { prices: [{ currency: 'gold', amount: 10 }] }, fulfillment: { type: 'wallet', item_type: 'xp', amount: 5 } });
    await credit({ adminUrl: apps.adminUrl }, tenant, 'traced-user', 'gold', 10);
    const traceId = randomBytes(16).toString('hex');
    const requestId = `req-${randomBytes(6).toString('hex')}`;
    const token = userToken(tenant.jwt_secret, { sub: 'traced-user', tenant_id: tenant.id });
    const bought = await call(apps.queryUrl, 'POST', `/v1/rewards/purchase/${reward.slug}`, {
      headers: { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, 'x-request-id': requestId },
      json: { user_id: 'traced-user', idempotency_key: 'traced-1', currency: 'gold', fields: {} },
    });
    expect(bought.status).toBe(200);
    expect(bought.headers.get('x-request-id')).toBe(requestId);
    const orderId = bought.body.order.id as string;

    const traced = (app: AppName) => logLines(apps, app).filter((line) => line['trace_id'] === traceId);
    const gateway = await eventually(async () => {
      const lines = traced('query-gateway');
      expect(lines.length).toBeGreaterThan(0);
      return lines;
    }, 10_000);
    expect(gateway).toContainEqual(expect.objectContaining({ request_id: requestId, tenant_id: tenant.id, user_id: 'traced-user', order_id: orderId, app: 'query-gateway' }));

    const catalog = traced('rewards-catalog');
    expect(catalog).toContainEqual(expect.objectContaining({ request_id: requestId, tenant_id: tenant.id, order_id: orderId, app: 'rewards-catalog' }));

    // Through the outbox and Kafka (the traceparent header) into the ingester.
    const analytics = await eventually(async () => {
      const lines = traced('grants-analytics');
      expect(lines.length).toBeGreaterThan(0);
      return lines;
    }, 30_000);
    expect(analytics).toContainEqual(expect.objectContaining({ request_id: requestId, tenant_id: tenant.id, order_id: orderId, app: 'grants-analytics' }));
    // And into the fulfillment consumer, which completes the order.
    await eventually(async () => expect(traced('order-fulfillment')).toContainEqual(expect.objectContaining({ order_id: orderId })), 30_000);

    // The spans of that trace reach the configured OTLP collector, from the gateway and the catalog.
    await eventually(async () => {
      const carrying = collector.exports.filter((e) => e.path === '/v1/traces' && e.body.includes(traceId)).map((e) => e.body);
      expect(carrying.some((body) => body.includes('"query-gateway"'))).toBe(true);
      expect(carrying.some((body) => body.includes('"rewards-catalog"'))).toBe(true);
    }, 20_000);

    // A request without a traceparent starts a trace of its own, the same across the apps.
    const plain = await call(apps.queryUrl, 'GET', `/v1/rewards/orders/traced-user/${orderId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(plain.status).toBe(200);
    const ownRequestId = plain.headers.get('x-request-id');
    expect(ownRequestId).toMatch(/^[0-9a-f-]{36}$/);
    const started = await eventually(async () => {
      const line = logLines(apps, 'query-gateway').find((l) => l['request_id'] === ownRequestId && typeof l['trace_id'] === 'string');
      expect(line).toBeDefined();
      return line!;
    }, 10_000);
    expect(started['trace_id']).not.toBe(traceId);
    expect(logLines(apps, 'rewards-catalog')).toContainEqual(expect.objectContaining({ trace_id: started['trace_id'], request_id: ownRequestId, order_id: orderId }));
  });

  it('/metrics after purchases: HTTP latency by route and status, purchase outcomes, outbox, consumer lag, ClickHouse inserts, fulfillment and webhooks', async () => {
    const reward = await createReward({ adminUrl: apps.adminUrl }, tenant, { fields: [], stock: null, purchase: { prices: [{ currency: 'gems', amount: 7 }] }, fulfillment: { type: 'wallet', item_type: 'currency', currency: 'coins', amount: 3 } });
    await credit({ adminUrl: apps.adminUrl }, tenant, 'metered-user', 'gems', 14);
    const token = userToken(tenant.jwt_secret, { sub: 'metered-user', tenant_id: tenant.id });
    const buy = (key: string) =>
      call(apps.queryUrl, 'POST', `/v1/rewards/${tenant.id}/purchase/${reward.slug}`, {
        headers: { authorization: `Bearer ${token}` },
        json: { user_id: 'metered-user', idempotency_key: key, currency: 'gems', fields: {} },
      });
    const statuses = [(await buy('m-1')).status, (await buy('m-2')).status, (await buy('m-3')).status, (await buy('m-1')).status];
    expect(statuses).toEqual([200, 200, 402, 200]); // the fourth replays the first

    const gateway = await metrics('query-gateway');
    expect(series(gateway, 'purchases_total', { status: '200' })).toBe(4); // with the first test's purchase
    expect(series(gateway, 'purchases_total', { status: '402' })).toBe(1);
    const route = '/v1/rewards/:tenant_id/purchase/:slug';
    expect(series(gateway, 'http_request_duration_seconds_count', { method: 'POST', route, status: '200' })).toBe(3);
    expect(series(gateway, 'http_request_duration_seconds_count', { method: 'POST', route, status: '402' })).toBe(1);
    const seconds = series(gateway, 'http_request_duration_seconds_sum', { method: 'POST', route, status: '200' })!;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(10);

    await eventually(async () => {
      const catalog = await metrics('rewards-catalog');
      expect(series(catalog, 'outbox_backlog_events')).toBe(0);
      expect(series(catalog, 'outbox_oldest_unpublished_age_seconds')).toBe(0);
      expect(series(catalog, 'outbox_events_relayed_total', { event_type: 'order.created' })).toBeGreaterThanOrEqual(3);
    }, 20_000);

    await eventually(async () => {
      const analytics = await metrics('grants-analytics');
      expect(series(analytics, 'clickhouse_insert_duration_seconds_count')).toBeGreaterThan(0);
      expect(series(analytics, 'clickhouse_insert_batch_size_sum')).toBeGreaterThanOrEqual(3);
      expect(series(analytics, 'kafka_consumer_lag_messages', { group: apps.environment.env['INGEST_GROUP_ID']! })).toBe(0);
      const fulfillment = await metrics('order-fulfillment');
      expect(series(fulfillment, 'fulfillment_attempts_total', { type: 'wallet', outcome: 'completed' })).toBeGreaterThanOrEqual(3);
      expect(series(fulfillment, 'webhook_attempts_total', { outcome: 'delivered' })).toBeGreaterThanOrEqual(3);
      expect(series(fulfillment, 'kafka_consumer_lag_messages', { group: apps.environment.env['FULFILLMENT_GROUP_ID']! })).toBe(0);
    }, 30_000);
  });

  it('one purchase is one trace tree: the gateway’s request, the RPC, the SQL statements, the outbox relay, the Kafka produce and each consumer’s store', async () => {
    const reward = await createReward({ adminUrl: apps.adminUrl }, tenant, { fields: [], stock: null, purchase: { prices: [{ currency: 'gold', amount: 4 }] }, fulfillment: { type: 'wallet', item_type: 'xp', amount: 1 } });
    await credit({ adminUrl: apps.adminUrl }, tenant, 'tree-user', 'gold', 4);
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const bought = await call(apps.queryUrl, 'POST', `/v1/rewards/purchase/${reward.slug}`, {
      headers: { authorization: `Bearer ${userToken(tenant.jwt_secret, { sub: 'tree-user', tenant_id: tenant.id })}`, traceparent: `00-${traceId}-${callerSpan}-01` },
      json: { user_id: 'tree-user', idempotency_key: 'tree-1', currency: 'gold', fields: {} },
    });
    expect(bought.status).toBe(200);

    // Spans leave each app in batches (the SDK's default: every 5 s), the consumers' last.
    const spans = await eventually(async () => {
      const found = exportedSpans(collector.exports).filter((span) => span.traceId === traceId);
      const stores = found.filter((span) => span.kind === KIND.consumer && span.name.startsWith('store '));
      expect(stores.map((span) => span.service)).toEqual(expect.arrayContaining(['grants-analytics', 'order-fulfillment']));
      return found;
    }, 30_000);
    const one = (description: string, matches: (span: ExportedSpan) => boolean) => {
      const found = spans.filter(matches);
      if (found.length === 0) throw new Error(`no ${description} in the trace: ${spans.map((s) => `${s.service}/${s.name}`).join(', ')}`);
      return found[0] as ExportedSpan;
    };
    const under = (span: ExportedSpan, ancestor: ExportedSpan) => expect(ancestry(spans, span).map((s) => s.spanId)).toContain(ancestor.spanId);

    // The gateway's server span (the http instrumentation's, named by its route) continues the caller's.
    const request = one('gateway server span', (s) => s.service === 'query-gateway' && s.kind === KIND.server && s.scope.includes('instrumentation-http'));
    expect(request.name).toBe('POST /v1/rewards/purchase/:slug');
    expect(request.parentSpanId).toBe(callerSpan);
    // Nest's controller and handler spans under it.
    under(one('Nest handler span', (s) => s.service === 'query-gateway' && s.scope.includes('nestjs-core')), request);

    // The RPC to rewards-catalog (ours: Nest's TCP transport has no instrumentation), client then server.
    const rpcClient = one('RPC client span', (s) => s.service === 'query-gateway' && s.kind === KIND.client && s.name === 'rpc orders.purchase');
    under(rpcClient, request);
    const rpcServer = one('RPC server span', (s) => s.service === 'rewards-catalog' && s.kind === KIND.server && s.name === rpcClient.name);
    expect(rpcServer.parentSpanId).toBe(rpcClient.spanId);

    // The purchase's SQL statements, by the pg instrumentation, inside the RPC.
    const statements = spans.filter((s) => s.service === 'rewards-catalog' && s.scope.includes('instrumentation-pg') && ancestry(spans, s).includes(rpcServer));
    const texts = statements.map((s) => String(s.attributes['db.query.text'] ?? ''));
    expect(texts).toEqual(expect.arrayContaining(['BEGIN', 'COMMIT', expect.stringMatching(/^INSERT INTO catalog\.idempotency_records/), expect.stringMatching(/UPDATE catalog\.wallet_balances/)]));
    expect(statements.every((s) => s.attributes['db.system.name'] === 'postgresql')).toBe(true);

    // Later, outside the request: the relay publishes the outbox rows in the request's trace.
    const relay = one('outbox relay span', (s) => s.service === 'rewards-catalog' && s.name === 'outbox relay');
    under(relay, request);
    const send = one('Kafka send span', (s) => s.service === 'rewards-catalog' && s.kind === KIND.producer && s.scope.includes('kafkajs'));
    expect(send.parentSpanId).toBe(relay.spanId);
    // Each consumer stores the events as children of their produce spans.
    const sendIds = new Set(spans.filter((s) => s.kind === KIND.producer).map((s) => s.spanId));
    for (const service of ['grants-analytics', 'order-fulfillment']) {
      const store = one(`${service} store span`, (s) => s.service === service && s.name.startsWith('store '));
      expect(sendIds.has(store.parentSpanId)).toBe(true);
      under(store, request);
    }

    // One tree: every span's parent is in the trace, or is the caller's span.
    const ids = new Set(spans.map((s) => s.spanId));
    expect(spans.filter((s) => s.parentSpanId !== callerSpan && !ids.has(s.parentSpanId)).map((s) => `${s.service}/${s.name}`)).toEqual([]);

    // Job and webhook attempts run later, from their tables: traces of their own (our spans), with
    // the calls they make as children (the RPC of a wallet job; the webhook's POST, the http instrumentation's).
    await eventually(async () => {
      const all = exportedSpans(collector.exports).filter((s) => s.service === 'order-fulfillment');
      const childrenOf = (name: string) => all.filter((s) => all.some((parent) => parent.name === name && parent.spanId === s.parentSpanId));
      expect(childrenOf('fulfillment wallet')).toContainEqual(expect.objectContaining({ kind: KIND.client, name: 'rpc orders.fulfill-wallet' }));
      expect(childrenOf('webhook attempt')).toContainEqual(expect.objectContaining({ kind: KIND.client, name: 'POST', scope: expect.stringContaining('instrumentation-http') }));
    }, 20_000);
  });
});
