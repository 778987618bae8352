import { baseConfigShape, env } from '@phoenix/platform';
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
  QUERY_GATEWAY_PORT: env.port(3000),
  ADMIN_GATEWAY_PORT: env.port(3001),
  /**
   * The services' own listeners. The gateways of a standalone call them in-process, so each is
   * opened only when its port is set: RPC for a gateway run beside the standalone, HTTP for the
   * service's own health and metrics.
   */
  REWARDS_CATALOG_PORT: env.optionalPort(),
  REWARDS_CATALOG_HTTP_PORT: env.optionalPort(),
  ORDER_FULFILLMENT_PORT: env.optionalPort(),
  ORDER_FULFILLMENT_HTTP_PORT: env.optionalPort(),
  GRANTS_ANALYTICS_PORT: env.optionalPort(),
  GRANTS_ANALYTICS_HTTP_PORT: env.optionalPort(),
});
export type StandaloneConfig = z.infer<typeof StandaloneConfigSchema>;
