import { describeAppPackaging } from '@phoenix/testing';
import { CatalogConfigSchema } from './config';

// deploy/ and docker-compose.yml give this app what its config needs (libs/testing/src/packaging).
describeAppPackaging({
  app: 'rewards-catalog',
  schema: CatalogConfigSchema,
  opsPort: (config) => config.REWARDS_CATALOG_HTTP_PORT,
  rpcPort: (config) => config.REWARDS_CATALOG_PORT,
  migrates: true,
  alsoRequires: ['KAFKA_BROKERS'],
});
