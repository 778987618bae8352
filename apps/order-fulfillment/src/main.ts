import 'reflect-metadata';
import { loadConfig, runApp, setShutdownTimeout, startServiceApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { FulfillmentConfigSchema } from './config';

export const app = runApp('order-fulfillment', async () => {
  const config = loadConfig('order-fulfillment', FulfillmentConfigSchema);
  setShutdownTimeout(config.SHUTDOWN_TIMEOUT_MS);
  return startServiceApp(AppModule.forConfig(config), {
    host: config.HOST,
    httpPort: config.ORDER_FULFILLMENT_HTTP_PORT,
    rpcPort: config.ORDER_FULFILLMENT_PORT,
  });
});
