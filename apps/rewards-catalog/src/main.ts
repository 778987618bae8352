import 'reflect-metadata';
import { loadConfig, runApp, setShutdownTimeout, startServiceApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { CatalogConfigSchema } from './config';

export const app = runApp('rewards-catalog', async () => {
  const config = loadConfig('rewards-catalog', CatalogConfigSchema);
  setShutdownTimeout(config.SHUTDOWN_TIMEOUT_MS);
  return startServiceApp(AppModule.forConfig(config), {
    host: config.HOST,
    httpPort: config.REWARDS_CATALOG_HTTP_PORT,
    rpcPort: config.REWARDS_CATALOG_PORT,
  });
});
