import { baseConfigShape, env } from '@phoenix/platform';
import { z } from 'zod';

export const StandaloneConfigSchema = z.object({
  ...baseConfigShape,
  DATA_DIR: env.string('./.phoenix-data'),
  /** When set, the real Postgres replaces the embedded one. */
  DATABASE_URL: env.optionalString(),
  /** Port of the embedded Postgres socket; 0 picks a free one. */
  PGLITE_PORT: env.port(0),
  PHOENIX_PLATFORM_KEY: env.optionalSecret(24),
  QUERY_GATEWAY_PORT: env.port(3000),
  ADMIN_GATEWAY_PORT: env.port(3001),
});
export type StandaloneConfig = z.infer<typeof StandaloneConfigSchema>;
