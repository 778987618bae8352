import { baseConfigShape, databaseShape, env, eventBusShape, secretsKeyShape, serviceEndpointsShape } from '@phoenix/platform';
import { z } from 'zod';

export const CatalogConfigSchema = z.object({
  ...baseConfigShape,
  ...databaseShape,
  ...eventBusShape,
  ...secretsKeyShape,
  /**
   * The safety poll of the idle outbox relay: commits that write events wake it, so this only
   * finds events nothing woke it for (written by an older build, or before a crash).
   */
  OUTBOX_POLL_MS: env.int(5_000, 10, 60_000),
  OUTBOX_BATCH_SIZE: env.int(500, 1, 10_000),
  REWARDS_CATALOG_HOST: serviceEndpointsShape.REWARDS_CATALOG_HOST,
  REWARDS_CATALOG_PORT: serviceEndpointsShape.REWARDS_CATALOG_PORT,
  REWARDS_CATALOG_HTTP_PORT: env.port(3010),
  /**
   * Keep users' wallets in memory (see WalletCache). Only for a process that is its
   * database's only writer: the standalone turns it on for its embedded Postgres.
   */
  WALLET_CACHE: env.bool(false),
  /** Idempotency records are kept at least this long (the contract promises 24 h). */
  IDEMPOTENCY_RETENTION_HOURS: env.int(48, 24, 24 * 365),
});
export type CatalogConfig = z.infer<typeof CatalogConfigSchema>;

export const CATALOG_CONFIG = Symbol('CATALOG_CONFIG');
