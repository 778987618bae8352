import { baseConfigShape, databaseShape, env, serviceEndpointsShape } from '@phoenix/platform';
import { z } from 'zod';

export const CatalogConfigSchema = z.object({
  ...baseConfigShape,
  ...databaseShape,
  REWARDS_CATALOG_HOST: serviceEndpointsShape.REWARDS_CATALOG_HOST,
  REWARDS_CATALOG_PORT: serviceEndpointsShape.REWARDS_CATALOG_PORT,
  REWARDS_CATALOG_HTTP_PORT: env.port(3010),
  /** Idempotency records are kept at least this long (the contract promises 24 h). */
  IDEMPOTENCY_RETENTION_HOURS: env.int(48, 24, 24 * 365),
});
export type CatalogConfig = z.infer<typeof CatalogConfigSchema>;

export const CATALOG_CONFIG = Symbol('CATALOG_CONFIG');
