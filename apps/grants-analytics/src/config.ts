import { baseConfigShape, databaseShape, env, eventBusShape, serviceEndpointsShape } from '@phoenix/platform';
import { z } from 'zod';

export const AnalyticsConfigSchema = z.object({
  ...baseConfigShape,
  ...eventBusShape,
  GRANTS_ANALYTICS_HOST: serviceEndpointsShape.GRANTS_ANALYTICS_HOST,
  GRANTS_ANALYTICS_PORT: serviceEndpointsShape.GRANTS_ANALYTICS_PORT,
  GRANTS_ANALYTICS_HTTP_PORT: env.port(3030),
  /** A ClickHouse server (http://host:8123); unset: chDB embedded, data under DATA_DIR/chdb. */
  CLICKHOUSE_URL: env.optionalUrl(),
  CLICKHOUSE_USER: env.optionalString(),
  CLICKHOUSE_PASSWORD: env.optionalString(),
  CLICKHOUSE_DATABASE: env.optionalString(),
  DATA_DIR: env.string('./.phoenix-data'),
  /** Apply pending ClickHouse migrations at start; false where a `migrate` step applies them first. */
  MIGRATIONS_RUN: databaseShape.MIGRATIONS_RUN,
  /** Kafka consumer group of the grants ingester. */
  INGEST_GROUP_ID: env.string('grants-analytics'),
});
export type AnalyticsConfig = z.infer<typeof AnalyticsConfigSchema>;

export const ANALYTICS_CONFIG = Symbol('ANALYTICS_CONFIG');
