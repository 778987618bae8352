import { describeAppPackaging } from '@phoenix/testing';
import { AdminGatewayConfigSchema } from './config';

// deploy/ and docker-compose.yml give this app what its config needs (libs/testing/src/packaging).
describeAppPackaging({
  app: 'admin-gateway',
  schema: AdminGatewayConfigSchema,
  opsPort: (config) => config.ADMIN_GATEWAY_OPS_PORT,
  publicPort: (config) => config.ADMIN_GATEWAY_PORT,
});
