import { describeAppPackaging } from '@phoenix/testing';
import { FulfillmentConfigSchema } from './config';

// deploy/ and docker-compose.yml give this app what its config needs (libs/testing/src/packaging).
describeAppPackaging({
  app: 'order-fulfillment',
  schema: FulfillmentConfigSchema,
  opsPort: (config) => config.ORDER_FULFILLMENT_HTTP_PORT,
  rpcPort: (config) => config.ORDER_FULFILLMENT_PORT,
  migrates: true,
  alsoRequires: ['KAFKA_BROKERS'],
});
