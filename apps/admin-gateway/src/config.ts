import { baseConfigShape, env, gatewayAuthShape, rateLimitShape, serviceEndpointsShape } from '@phoenix/platform';
import { z } from 'zod';

export const AdminGatewayConfigSchema = z
  .object({
    ...baseConfigShape,
    ...serviceEndpointsShape,
    ...rateLimitShape,
    ...gatewayAuthShape,
    ADMIN_GATEWAY_PORT: env.port(3001),
  /** The operations port: /health/live, /health/ready and /metrics (never on the public port). */
  ADMIN_GATEWAY_OPS_PORT: env.port(3101),
  /** /docs and /docs-json on the public port (the standalone's default; off in the production overlay). */
  DOCS_PUBLIC: env.bool(false),
    PHOENIX_PLATFORM_KEY: env.secret(24),
    ADMIN_JWT_SECRET: env.optionalSecret(32),
    ADMIN_JWKS_URL: env.optionalUrl(),
    ADMIN_JWT_ISSUER: env.optionalString(),
    ADMIN_JWT_AUDIENCE: env.optionalString(),
    BODY_LIMIT_BYTES: env.int(1_048_576, 1_024, 64 * 1_048_576),
  });
export type AdminGatewayConfig = z.infer<typeof AdminGatewayConfigSchema>;
