import { baseConfigShape, env, secretsKeyShape } from '@phoenix/platform';
import { z } from 'zod';
import { DEFAULT_DATA_DIR, DEFAULT_SHARED_BUFFERS, SHARED_BUFFERS_PATTERN } from './embedded-postgres';

export const StandaloneConfigSchema = z.object({
  ...baseConfigShape,
  DATA_DIR: env.string(DEFAULT_DATA_DIR),
  /** When set, the real Postgres replaces the embedded one. */
  DATABASE_URL: env.optionalString(),
  /** Port of the embedded Postgres socket; 0 picks a free one. */
  PGLITE_PORT: env.port(0),
  /**
   * shared_buffers of the embedded Postgres. PGlite keeps them in its WASM heap, so they are
   * resident memory: Postgres' 128MB default costs about 120 MB of RSS more than 32MB does.
   */
  PGLITE_SHARED_BUFFERS: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .regex(SHARED_BUFFERS_PATTERN, 'must be a size such as 32MB (units kB, MB, GB)')
      .default(DEFAULT_SHARED_BUFFERS),
  ),
  PHOENIX_PLATFORM_KEY: env.optionalSecret(24),
  /** Unset: generated on first start and kept in DATA_DIR/credentials.json. */
  SECRETS_KEY: secretsKeyShape.SECRETS_KEY.optional(),
  QUERY_GATEWAY_PORT: env.port(3000),
  ADMIN_GATEWAY_PORT: env.port(3001),
  /** /docs on the gateways' ports: a local console's default (distributed apps default to false). */
  DOCS_PUBLIC: env.bool(true),
  /**
   * The apps' own listeners beyond the two gateway ports, each opened only when its port is set:
   * every app's operations port (health and metrics; `*_HTTP_PORT` for a service), and a
   * service's RPC for a gateway run beside the standalone (the gateways here call in-process).
   */
  QUERY_GATEWAY_OPS_PORT: env.optionalPort(),
  ADMIN_GATEWAY_OPS_PORT: env.optionalPort(),
  REWARDS_CATALOG_PORT: env.optionalPort(),
  REWARDS_CATALOG_HTTP_PORT: env.optionalPort(),
  ORDER_FULFILLMENT_PORT: env.optionalPort(),
  ORDER_FULFILLMENT_HTTP_PORT: env.optionalPort(),
  GRANTS_ANALYTICS_PORT: env.optionalPort(),
  GRANTS_ANALYTICS_HTTP_PORT: env.optionalPort(),
});
export type StandaloneConfig = z.infer<typeof StandaloneConfigSchema>;
