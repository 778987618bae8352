import { describeAppPackaging } from '@phoenix/testing';
import { AnalyticsConfigSchema } from './config';

// deploy/ and docker-compose.yml give this app what its config needs (libs/testing/src/packaging).
// Its images carry no chDB: outside standalone, a ClickHouse server is required.
describeAppPackaging({
  app: 'grants-analytics',
  schema: AnalyticsConfigSchema,
  opsPort: (config) => config.GRANTS_ANALYTICS_HTTP_PORT,
  rpcPort: (config) => config.GRANTS_ANALYTICS_PORT,
  migrates: true,
  alsoRequires: ['KAFKA_BROKERS', 'CLICKHOUSE_URL'],
});
