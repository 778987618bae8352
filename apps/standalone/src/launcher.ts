import 'reflect-metadata';
import { enableInProcessRpc, gateAppStarts, processEventBus, registerAppRoot, registerCloseable, rootLogger, runApp } from '@phoenix/platform';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StandaloneConfig, StandaloneConfigSchema } from './config';
import type { EarlyEmbeddedPostgres } from './embedded-postgres';
import { resolvePlatformKey } from './platform-key';
import { resolveSecretsKey } from './secrets-key';
import { publishRuntime } from './runtime-file';

declare const __non_webpack_require__: NodeJS.Require;

/** Start order: services first, so the gateways find them. Shutdown runs in reverse. */
const SERVICES = ['rewards-catalog', 'order-fulfillment', 'grants-analytics'] as const;
const GATEWAYS = ['query-gateway', 'admin-gateway'] as const;
/** OUTBOX_POLL_MS and FULFILLMENT_POLL_MS of a standalone on the in-process bus, unless set. */
const STANDALONE_SAFETY_POLL_MS = 20_000;

type AppName = (typeof SERVICES)[number] | (typeof GATEWAYS)[number];

/**
 * The apps of this process, loaded and held until each is started. Each is an entry of the
 * standalone's build, beside this one (tools/build/webpack.config.js); the entries share one
 * webpack runtime, so the libraries they have in common load once. Loading an app runs its
 * module code, most of a start's CPU, and calls its runApp, which then waits for its gate:
 * this runs while the embedded Postgres is still starting on its thread.
 */
class HeldApps {
  private readonly gates = new Map<string, { opened: Promise<void>; open: () => void }>();
  private readonly running = new Map<AppName, Promise<unknown>>();

  constructor(apps: readonly AppName[]) {
    for (const app of apps) {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      this.gates.set(app, { opened, open });
    }
    gateAppStarts((app) => this.gates.get(app)?.opened ?? Promise.resolve());
    for (const app of apps) {
      const bundle = __non_webpack_require__(join(__dirname, `${app}.js`)) as { app: Promise<unknown> };
      this.running.set(app, bundle.app);
    }
  }

  /** Opens the app's gate and waits until it runs (a failed start ends the process, see runApp). */
  async start(app: AppName): Promise<void> {
    this.gates.get(app)?.open();
    await this.running.get(app);
  }
}

/** Starts everything; the returned function removes DATA_DIR/standalone.json again. */
async function main(config: StandaloneConfig, early: EarlyEmbeddedPostgres): Promise<() => void> {
  const dataDir = resolve(config.DATA_DIR);
  // Created for its owner only: the embedded databases and credentials.json live in it.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  process.env['DATA_DIR'] = dataDir;

  const platformKey = resolvePlatformKey(dataDir, config.PHOENIX_PLATFORM_KEY);
  process.env['PHOENIX_PLATFORM_KEY'] = platformKey.key;
  // Seals the tenants' and webhook endpoints' secrets in the database (generated once, kept in credentials.json).
  process.env['SECRETS_KEY'] = resolveSecretsKey(dataDir, config.SECRETS_KEY);

  // A local console: warnings and errors only, unless LOG_LEVEL asks for more; coloured single
  // lines for a person at a terminal, JSON lines when the output goes to a file or a pipe.
  process.env['LOG_LEVEL'] ??= 'warn';
  process.env['LOG_FORMAT'] ??= process.stdout.isTTY ? 'pretty' : 'json';
  // The launcher's own lines (the shutdown's) carry its name; each app's carry the app's.
  registerAppRoot(rootLogger({ app: 'standalone', level: process.env['LOG_LEVEL'], pretty: process.env['LOG_FORMAT'] === 'pretty' }));

  // A single machine's mode: a tenant's webhook or fulfillment URL on this machine or its network
  // (a receiver on 127.0.0.1, the usual first try) is allowed unless WEBHOOK_ALLOW_PRIVATE says
  // otherwise. Distributed apps refuse such targets by default (order-fulfillment's config).
  process.env['WEBHOOK_ALLOW_PRIVATE'] ??= 'true';

  // Without Kafka the apps of this process share the in-process bus (fed by the outbox).
  if (!process.env['KAFKA_BROKERS']) process.env['EVENT_BUS'] = 'in-process';
  if (process.env['EVENT_BUS'] === 'in-process') {
    // Every writer and every loop is in this process, so each commit wakes the loop it concerns
    // and each loop looks once at start: the safety polls cover a wake-up lost to a bug and a
    // row changed by hand (nothing wakes for that), and each costs queries on the embedded
    // Postgres, so they are rare but not so rare that such a row waits long.
    process.env['OUTBOX_POLL_MS'] ??= String(STANDALONE_SAFETY_POLL_MS);
    process.env['FULFILLMENT_POLL_MS'] ??= String(STANDALONE_SAFETY_POLL_MS);
  }

  // A local console: the OpenAPI UI on the gateways' ports unless DOCS_PUBLIC=false.
  process.env['DOCS_PUBLIC'] = String(config.DOCS_PUBLIC);

  // The gateways call the services in-process: the process listens on the ports asked for only,
  // the two gateway ports and whichever operations and RPC ports are set.
  const asked = (port: number | undefined) => port !== undefined;
  enableInProcessRpc({
    'query-gateway': { rpc: false, ops: asked(config.QUERY_GATEWAY_OPS_PORT) },
    'admin-gateway': { rpc: false, ops: asked(config.ADMIN_GATEWAY_OPS_PORT) },
    'rewards-catalog': { rpc: asked(config.REWARDS_CATALOG_PORT), ops: asked(config.REWARDS_CATALOG_HTTP_PORT) },
    'order-fulfillment': { rpc: asked(config.ORDER_FULFILLMENT_PORT), ops: asked(config.ORDER_FULFILLMENT_HTTP_PORT) },
    'grants-analytics': { rpc: asked(config.GRANTS_ANALYTICS_PORT), ops: asked(config.GRANTS_ANALYTICS_HTTP_PORT) },
  });

  const apps = new HeldApps([...SERVICES, ...GATEWAYS]);

  let embeddedUrl: string | undefined;
  // Started before this module loaded (main.ts); restarted here if the validated config differs.
  const postgres = await early.take(
    config.DATABASE_URL ? undefined : { dataDir, host: '127.0.0.1', port: config.PGLITE_PORT, sharedBuffers: config.PGLITE_SHARED_BUFFERS },
  );
  if (postgres) {
    registerCloseable('embedded-postgres', postgres);
    embeddedUrl = postgres.url;
    process.env['DATABASE_URL'] = postgres.url;
    process.env['DATABASE_POOL_SIZE'] = '1';
    // PGlite is one session shared by every connection: a named statement would collide.
    process.env['DATABASE_PREPARED_STATEMENTS'] = 'false';
    // This process is the embedded database's only writer: its wallets can be kept in memory.
    process.env['WALLET_CACHE'] = 'true';
  }

  for (const app of SERVICES) await apps.start(app);
  // On shutdown the bus closes after the gateways and before the services: deliveries under
  // way finish while their consumers are still open, and events relayed later stay in the
  // outbox for the next start (consumers that already closed would never take them).
  if (process.env['EVENT_BUS'] === 'in-process') registerCloseable('in-process event bus', processEventBus());
  for (const app of GATEWAYS) await apps.start(app);
  // Every consumer has subscribed: events may flow now.
  processEventBus().start();

  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const docs = config.DOCS_PUBLIC ? '   (docs: /docs)' : '';
  const lines = [
    '',
    `Phoenix Rewards (standalone) is up in ${process.uptime().toFixed(1)} s`, // since the process began, loading included
    `  query gateway:  http://${host}:${config.QUERY_GATEWAY_PORT}${docs}`,
    `  admin gateway:  http://${host}:${config.ADMIN_GATEWAY_PORT}${docs}`,
    `  data:           ${dataDir}${config.DATABASE_URL ? ' (Postgres: DATABASE_URL)' : ''}`,
    platformKey.generated
      ? `  platform key:   ${platformKey.key}\n                  (generated once; kept in ${platformKey.file})`
      : `  platform key:   ${platformKey.file ? `in ${platformKey.file}` : 'from PHOENIX_PLATFORM_KEY'}`,
    outgoingPolicyLine(process.env['WEBHOOK_ALLOW_PRIVATE']),
    '',
  ];
  // `npm run token` finds the embedded database here while this process runs: written before the
  // banner, which is how a user (and a test) knows the standalone is up.
  const unpublish = publishRuntime(dataDir, { pid: process.pid, ...(embeddedUrl ? { database_url: embeddedUrl } : {}) });
  process.stdout.write(`${lines.join('\n')}\n`);
  return unpublish;
}

/** The banner's line on where webhooks and fulfillment calls may go (WEBHOOK_ALLOW_PRIVATE). */
export function outgoingPolicyLine(allowPrivate: string | undefined): string {
  return allowPrivate === 'true' || allowPrivate === '1'
    ? '  outgoing calls: loopback and private addresses allowed (webhooks, fulfillment_url; WEBHOOK_ALLOW_PRIVATE=false refuses them)'
    : '  outgoing calls: public addresses only (WEBHOOK_ALLOW_PRIVATE=true allows loopback and private ones)';
}

/** Runs the standalone with the embedded Postgres that main.ts started. */
export function launchStandalone(postgres: EarlyEmbeddedPostgres): Promise<unknown> {
  return runApp('standalone', StandaloneConfigSchema, async (config) => {
    const unpublish = await main(config, postgres);
    return { close: async () => unpublish() };
  });
}
