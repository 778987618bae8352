import { describeAppPackaging } from '@phoenix/testing';
import { QueryGatewayConfigSchema } from './config';

// deploy/ and docker-compose.yml give this app what its config needs (libs/testing/src/packaging).
describeAppPackaging({
  app: 'query-gateway',
  schema: QueryGatewayConfigSchema,
  opsPort: (config) => config.QUERY_GATEWAY_OPS_PORT,
  publicPort: (config) => config.QUERY_GATEWAY_PORT,
});
