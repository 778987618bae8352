import { baseConfigShape, env, gatewayAuthShape, rateLimitShape, serviceEndpointsShape } from '@phoenix/platform';
import { z } from 'zod';

export const QueryGatewayConfigSchema = z.object({
  ...baseConfigShape,
  ...serviceEndpointsShape,
  ...rateLimitShape,
  ...gatewayAuthShape,
  QUERY_GATEWAY_PORT: env.port(3000),
  /** The operations port: /health/live, /health/ready and /metrics (never on the public port). */
  QUERY_GATEWAY_OPS_PORT: env.port(3100),
  /** /docs and /docs-json on the public port (the standalone's default; off in the production overlay). */
  DOCS_PUBLIC: env.bool(false),
  /** Origins allowed for every tenant, on top of each tenant's own `allowed_origins`. */
  CORS_ALLOWED_ORIGINS: env.list(),
  HMAC_WINDOW_SECONDS: env.int(300, 30, 3_600),
  BODY_LIMIT_BYTES: env.int(1_048_576, 1_024, 64 * 1_048_576),
});
export type QueryGatewayConfig = z.infer<typeof QueryGatewayConfigSchema>;
