import 'reflect-metadata';
import { runApp, startServiceApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { FulfillmentConfigSchema } from './config';

export const app = runApp('order-fulfillment', FulfillmentConfigSchema, (config) =>
  startServiceApp(AppModule.forConfig(config), {
    host: config.HOST,
    httpPort: config.ORDER_FULFILLMENT_HTTP_PORT,
    rpcPort: config.ORDER_FULFILLMENT_PORT,
  }),
);
