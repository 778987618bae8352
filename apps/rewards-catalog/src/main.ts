import 'reflect-metadata';
import { runApp, startServiceApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { CatalogConfigSchema } from './config';

export const app = runApp('rewards-catalog', CatalogConfigSchema, (config) =>
  startServiceApp(AppModule.forConfig(config), {
    host: config.HOST,
    httpPort: config.REWARDS_CATALOG_HTTP_PORT,
    rpcPort: config.REWARDS_CATALOG_PORT,
  }),
);
