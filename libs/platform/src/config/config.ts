import { isIP } from 'node:net';
import { z } from 'zod';
import { TRACE_SAMPLERS } from '../observability/trace-settings';

export class ConfigError extends Error {
  constructor(app: string, problems: string[]) {
    super(`Invalid configuration for ${app}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates an app's environment once, at start-up. A missing or malformed
 * variable stops the process with one message naming every problem; values are never
 * echoed, since some of them are secrets.
 */
export function loadConfig<S extends z.ZodType>(app: string, schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(app, problems);
}

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

export const env = {
  port: (fallback: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(fallback)),
  /** A port that is opened only when it is set. */
  optionalPort: () => z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  int: (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
    z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback)),
  string: (fallback: string) => z.preprocess(emptyToUndefined, z.string().default(fallback)),
  optionalString: () => z.preprocess(emptyToUndefined, z.string().optional()),
  optionalUrl: () => z.preprocess(emptyToUndefined, z.url().optional()),
  bool: (fallback: boolean) =>
    z.preprocess(
      emptyToUndefined,
      z
        .enum(['true', 'false', '1', '0'])
        .default(fallback ? 'true' : 'false')
        .transform((v) => v === 'true' || v === '1'),
    ),
  list: () =>
    z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('')
        .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
    ),
  /** A secret: required, and long enough that guessing it is hopeless. */
  secret: (minLength = 32) => z.preprocess(emptyToUndefined, z.string({ error: 'is required' }).min(minLength, `must be at least ${minLength} characters`)),
  optionalSecret: (minLength = 32) =>
    z.preprocess(emptyToUndefined, z.string().min(minLength, `must be at least ${minLength} characters`).optional()),
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Whether an app configured with `configured` writes lines of `level`. */
export function logsAt(configured: LogLevel, level: Exclude<LogLevel, 'silent'>): boolean {
  return configured !== 'silent' && LOG_LEVELS.indexOf(configured) >= LOG_LEVELS.indexOf(level);
}

/**
 * Limits of every HTTP listener (gateways' API, services' health and metrics), so that slow or
 * idle sockets cannot pile up: well above what a real client needs, below what an attack holds.
 */
export const httpServerShape = {
  /** Time for a request's headers to arrive complete (at most HTTP_REQUEST_TIMEOUT_MS); then 408. */
  HTTP_HEADERS_TIMEOUT_MS: env.int(10_000, 100, 600_000),
  /** Time for a whole request, headers and body, to arrive; then 408. */
  HTTP_REQUEST_TIMEOUT_MS: env.int(30_000, 100, 600_000),
  /** How long an idle keep-alive connection stays open; above a load balancer's own idle timeout. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: env.int(72_000, 100, 600_000),
  /** Open connections allowed from one remote address (behind a proxy: the proxy's); 0 turns the cap off. */
  HTTP_MAX_CONNECTIONS_PER_IP: env.int(256, 0, 1_000_000),
};
export type HttpServerConfig = z.infer<z.ZodObject<typeof httpServerShape>>;

/** Variables every app reads. */
export const baseConfigShape = {
  ...httpServerShape,
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default('info')),
  /** JSON lines, or coloured single lines for a person at a terminal (the standalone's default on a TTY). */
  LOG_FORMAT: z.preprocess(emptyToUndefined, z.enum(LOG_FORMATS).default('json')),
  HOST: env.string('127.0.0.1'),
  SHUTDOWN_TIMEOUT_MS: env.int(10_000, 0, 600_000),
  /** On SIGTERM, how long readiness reports 503 before listeners close (load balancers stop sending). */
  SHUTDOWN_DRAIN_MS: env.int(0, 0, 600_000),
  // The standard OpenTelemetry variables this project reads (observability/trace-settings.ts says
  // how they combine); validated here so a typo fails the start instead of silently not tracing.
  /** An OTLP/HTTP collector (e.g. http://otel-collector:4318); unset: trace ids in logs, no export. */
  OTEL_EXPORTER_OTLP_ENDPOINT: env.optionalUrl(),
  /** The full traces URL, when it is not `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: env.optionalUrl(),
  /** `otlp` (the default once an endpoint is set) or `none`. */
  OTEL_TRACES_EXPORTER: z.preprocess(emptyToUndefined, z.enum(['otlp', 'none']).optional()),
  OTEL_TRACES_SAMPLER: z.preprocess(emptyToUndefined, z.enum(TRACE_SAMPLERS).default('parentbased_always_on')),
  /** The ratio of a `traceidratio` sampler. */
  OTEL_TRACES_SAMPLER_ARG: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1).optional()),
  /** `true` turns tracing off whatever else is set. */
  OTEL_SDK_DISABLED: env.bool(false),
  /** The service name on exported spans; the app's name by default. */
  OTEL_SERVICE_NAME: env.optionalString(),
};

/** Where each service listens for RPC, as the gateways and the services themselves see it. */
export const serviceEndpointsShape = {
  REWARDS_CATALOG_HOST: env.string('127.0.0.1'),
  REWARDS_CATALOG_PORT: env.port(4010),
  ORDER_FULFILLMENT_HOST: env.string('127.0.0.1'),
  ORDER_FULFILLMENT_PORT: env.port(4020),
  GRANTS_ANALYTICS_HOST: env.string('127.0.0.1'),
  GRANTS_ANALYTICS_PORT: env.port(4030),
  SERVICE_TIMEOUT_MS: env.int(5_000, 100, 120_000),
};

export const databaseShape = {
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string({ error: 'is required (a postgres:// URL)' })
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  ),
  DATABASE_POOL_SIZE: env.int(10, 1, 200),
  /** Named prepared statements on the hot paths; off behind a transaction-mode pooler (and for PGlite). */
  DATABASE_PREPARED_STATEMENTS: env.bool(true),
  MIGRATIONS_RUN: env.bool(true),
};

/**
 * A key of SECRETS_KEY / SECRETS_KEYS_OLD: `<key id>:<32 bytes in standard base64>`. The id is
 * stored with each ciphertext (SecretBox, libs/auth), so rows sealed under an older key stay
 * readable while that key is listed in SECRETS_KEYS_OLD.
 */
export const SECRETS_KEY_PATTERN = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=$/;
export const SECRETS_KEY_FORMAT = '<key id>:<32 random bytes in base64>, e.g. k1:$(openssl rand -base64 32)';

/** The key that seals the secrets a service stores and must read back (tenants', webhook endpoints'). */
export const secretsKeyShape = {
  SECRETS_KEY: z.preprocess(
    emptyToUndefined,
    z.string({ error: `is required: ${SECRETS_KEY_FORMAT}` }).regex(SECRETS_KEY_PATTERN, `must be ${SECRETS_KEY_FORMAT}`),
  ),
  /** Earlier keys, comma-separated: they open what they sealed until start-up has sealed it anew. */
  SECRETS_KEYS_OLD: env.list().refine((keys) => keys.every((key) => SECRETS_KEY_PATTERN.test(key)), `must be keys of the form ${SECRETS_KEY_FORMAT}, comma-separated`),
};

export type ServiceEndpointsConfig = z.infer<z.ZodObject<typeof serviceEndpointsShape>>;

/** Where domain events travel: Kafka when KAFKA_BROKERS is set, else the in-process bus (standalone only). */
export const eventBusShape = {
  KAFKA_BROKERS: env.list(),
  /** Set by the standalone launcher: without Kafka, the apps of one process share an in-process bus. */
  EVENT_BUS: z.preprocess(emptyToUndefined, z.enum(['in-process']).optional()),
  /** The order events topic; only tests that share one broker between stacks change it. */
  ORDER_EVENTS_TOPIC: env.string('rewards.order-events'),
  ORDER_EVENTS_PARTITIONS: env.int(6, 1, 1_000),
  /** The dead-letter topic sees only malformed events, so one partition is usually plenty. */
  ORDER_EVENTS_DLQ_PARTITIONS: env.int(1, 1, 1_000),
  KAFKA_REPLICATION_FACTOR: env.int(1, 1, 10),
  /** `min.insync.replicas` of the created topics; unset: min(2, KAFKA_REPLICATION_FACTOR). */
  KAFKA_MIN_INSYNC_REPLICAS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10).optional()),
  /**
   * Byte budget of one produce request: a publish is split into sends below it, so a batch of
   * large events never exceeds the topic's `max.message.bytes`.
   */
  KAFKA_PRODUCE_MAX_BYTES: env.int(512 * 1024, 64 * 1024, 64 * 1024 * 1024),
  /** `max.message.bytes` of the created topics: above any one event (HTTP bodies stop at 1 MB). */
  KAFKA_MAX_MESSAGE_BYTES: env.int(2 * 1024 * 1024, 64 * 1024, 64 * 1024 * 1024),
  /**
   * How long the broker holds an idle consumer's fetch. A message ends the wait at once, so this
   * sets how often an idle consumer wakes, not how late events arrive; at most half the 10 s
   * session timeout, as heartbeats go out between fetches.
   */
  KAFKA_FETCH_MAX_WAIT_MS: env.int(5_000, 10, 5_000),
  /**
   * Bytes of fetched messages a consumer holds while its handler stores earlier ones: the reads go
   * on meanwhile and the next store call takes them all (larger inserts under load, bounded memory).
   */
  KAFKA_CONSUMER_QUEUE_BYTES: env.int(16 * 1024 * 1024, 64 * 1024, 512 * 1024 * 1024),
};
export type EventBusConfig = z.infer<z.ZodObject<typeof eventBusShape>>;

/**
 * Request rate limits of a gateway, per tenant and per user, and failed authentications per
 * client address, enforced by each replica on its own (N replicas admit up to N times these
 * rates). A rate of 0 turns that limit off.
 */
export const rateLimitShape = {
  RATE_LIMIT_TENANT_PER_SECOND: env.int(500, 0, 1_000_000),
  RATE_LIMIT_TENANT_BURST: env.int(1_000, 1, 10_000_000),
  RATE_LIMIT_USER_PER_SECOND: env.int(10, 0, 1_000_000),
  RATE_LIMIT_USER_BURST: env.int(40, 1, 10_000_000),
  RATE_LIMIT_AUTH_FAILURES_PER_SECOND: env.int(10, 0, 1_000_000),
  RATE_LIMIT_AUTH_FAILURES_BURST: env.int(100, 1, 10_000_000),
};
export type RateLimitConfig = z.infer<z.ZodObject<typeof rateLimitShape>>;

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** What Fastify's trustProxy (proxy-addr) takes: an address, a CIDR range or a named range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry) || isIP(entry) !== 0) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  return family !== 0 && rest.length === 0 && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= (family === 4 ? 32 : 128);
}

/** How a gateway checks credentials, beyond the secrets and keys themselves. */
export const gatewayAuthShape = {
  /** How long a found credential is cached (a rotated key keeps working that long). */
  AUTH_CACHE_TTL_MS: env.int(30_000, 0, 3_600_000),
  /** How long an unknown API key or tenant id is remembered as unknown. */
  AUTH_NEGATIVE_CACHE_TTL_MS: env.int(5_000, 0, 600_000),
  /** Longest accepted lifetime of a JWT (user and admin tokens). */
  JWT_MAX_LIFETIME_SECONDS: env.int(86_400, 60, 31_622_400),
  /** Proxies whose X-Forwarded-For names the client address; none: the socket's peer is the client. */
  TRUSTED_PROXIES: env
    .list()
    .refine((entries) => entries.every(isProxyAddress), 'must be IP addresses, CIDR ranges, loopback, linklocal or uniquelocal'),
};
export type GatewayAuthEnvConfig = z.infer<z.ZodObject<typeof gatewayAuthShape>>;
