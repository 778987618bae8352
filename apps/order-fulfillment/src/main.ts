import 'reflect-metadata';
import { FULFILLMENT_STORE, storeMigration } from '@phoenix/persistence';
import { isMigrateCommand, runApp, runMigrateCommand, startServiceApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { FulfillmentConfigSchema } from './config';

export const app = isMigrateCommand()
  ? runMigrateCommand('order-fulfillment', FulfillmentConfigSchema, storeMigration(FULFILLMENT_STORE, 'order-fulfillment-migrate'))
  : runApp('order-fulfillment', FulfillmentConfigSchema, (config) =>
      startServiceApp(AppModule.forConfig(config), {
        service: 'order-fulfillment',
        host: config.HOST,
        httpPort: config.ORDER_FULFILLMENT_HTTP_PORT,
        rpcPort: config.ORDER_FULFILLMENT_PORT,
        limits: config,
      }),
    );
