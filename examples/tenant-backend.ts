// A tenant's backend (seed 001 "Authentication" and "Webhooks"): it mints the user JWTs its apps
// call the query gateway with, calls the gateway itself with HMAC signing, and receives the
// platform's webhooks, verified with verifyWebhook.
//   node tenant-backend.ts          serves until stopped (PORT, default 8080)
//   node tenant-backend.ts --demo   registers itself, walks one order through, and exits
import { createQueryClient, mintUserToken, unwrap, verifyWebhook, WebhookVerificationError } from '@phoenix/sdk';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { admin, inTenant, queryUrl, tenant } from './setup.ts';

const demo = process.argv.includes('--demo');
let endpointSecret = process.env['PHOENIX_WEBHOOK_SECRET'] ?? '';
const handled = new Set<string>();
const received: string[] = [];
let onEvent: (type: string) => void = () => undefined;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** POST /session: after your own sign-in, the app gets a short-lived token for Phoenix. */
async function session(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { user_id: userId } = JSON.parse((await readBody(request)).toString('utf8') || '{}') as { user_id?: string };
  if (!userId) return reply(response, 400, { message: 'user_id is required' });
  const token = await mintUserToken({ secret: tenant.jwtSecret, tenantId: tenant.id, userId, expiresInSeconds: 900 });
  reply(response, 200, { token, expires_in: 900 });
}

/** POST /webhooks/phoenix: verify first, dedupe on the id (stable across retries), then act. */
async function webhook(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const raw = await readBody(request);
  try {
    const { id, scheme, payload } = await verifyWebhook(endpointSecret, raw, request.headers, { toleranceSeconds: 300 });
    if (!handled.has(id)) {
      handled.add(id);
      received.push(payload.event_type);
      console.log(`webhook ${payload.event_type} for order ${payload.data.order_id} (${payload.data.reward_slug}), verified (${scheme})`);
      onEvent(payload.event_type);
    }
    reply(response, 200, { ok: true });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    console.log(`webhook refused: ${error.code}`);
    reply(response, 401, { message: error.message });
  }
}

const server = createServer((request, response) => {
  const route = `${request.method} ${request.url}`;
  const handler = route === 'POST /session' ? session : route === 'POST /webhooks/phoenix' ? webhook : undefined;
  if (!handler) return reply(response, 404, { message: 'not found' });
  handler(request, response).catch((error: unknown) => reply(response, 500, { message: String(error) }));
});
await new Promise<void>((resolve) => server.listen(demo ? 0 : Number(process.env['PORT'] ?? 8080), '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
console.log(`tenant backend on ${base}`);

if (demo) {
  // Subscribe this backend; the endpoint's secret is shown once, here.
  const endpoint = await unwrap(
    admin.POST('/v1/tenants/{tenant_id}/webhooks', {
      params: { path: inTenant },
      body: { url: `${base}/webhooks/phoenix`, events: ['order.created', 'order.completed'] },
    }),
  );
  endpointSecret = endpoint.secret;
  console.log(`webhook endpoint ${endpoint.id} registered`);
  const completed = new Promise<void>((resolve) => (onEvent = (type) => type === 'order.completed' && resolve()));

  // The app signs in: it asks this backend for a token and reads its wallet with it.
  const { token } = (await (await fetch(`${base}/session`, { method: 'POST', body: JSON.stringify({ user_id: 'demo_user' }) })).json()) as { token: string };
  const app = createQueryClient({ baseUrl: queryUrl, token });
  const wallet = await unwrap(app.GET('/v1/wallets/{user_id}', { params: { path: { user_id: 'demo_user' } } }));
  console.log(`app with a minted token: demo_user has ${wallet.xp} xp`);

  // An achievement grants XP: the order is created and completed, and both events arrive here.
  const reward = await unwrap(
    admin.POST('/v1/tenants/{tenant_id}/rewards-catalog', {
      params: { path: inTenant },
      body: { slug: `first-win-${Date.now()}`, name: 'First Win Bonus', fulfillment: { type: 'wallet', item_type: 'xp', amount: 250 } },
    }),
  );
  await unwrap(
    admin.POST('/v1/tenants/{tenant_id}/grants', {
      params: { path: inTenant },
      body: { user_id: 'demo_user', reward_id: reward.id, source_type: 'achievement', source_ref: `first-win-${reward.id}` },
    }),
  );
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no order.completed webhook within 20 s')), 20_000).unref());
  await Promise.race([completed, timeout]);

  // A forged call is refused.
  const forged = await fetch(`${base}/webhooks/phoenix`, {
    method: 'POST',
    headers: { 'webhook-id': 'msg_forged', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,bm90IGEgc2lnbmF0dXJl' },
    body: JSON.stringify({ event_type: 'order.completed' }),
  });
  console.log(`forged webhook: ${forged.status}`);

  // The backend itself, server to server, with HMAC signing instead of a token: for any user.
  const server2server = createQueryClient({ baseUrl: queryUrl, hmac: { tenantId: tenant.id, secret: tenant.hmacSecret } });
  const after = await unwrap(server2server.GET('/v1/wallets/{user_id}', { params: { path: { user_id: 'demo_user' } } }));
  console.log(`backend with HMAC: demo_user has ${after.xp} xp`);

  await unwrap(admin.DELETE('/v1/tenants/{tenant_id}/webhooks/{webhook_id}', { params: { path: { ...inTenant, webhook_id: endpoint.id } } }));
  console.log(`events received: ${received.join(', ')}`);
  server.closeAllConnections();
  server.close();
}
