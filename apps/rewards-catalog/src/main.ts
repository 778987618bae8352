import 'reflect-metadata';
import { CATALOG_STORE, storeMigration } from '@phoenix/persistence';
import { isMigrateCommand, runApp, runMigrateCommand, startServiceApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { CatalogConfigSchema } from './config';

export const app = isMigrateCommand()
  ? runMigrateCommand('rewards-catalog', CatalogConfigSchema, storeMigration(CATALOG_STORE, 'rewards-catalog-migrate'))
  : runApp('rewards-catalog', CatalogConfigSchema, (config) =>
      startServiceApp(AppModule.forConfig(config), {
        service: 'rewards-catalog',
        host: config.HOST,
        httpPort: config.REWARDS_CATALOG_HTTP_PORT,
        rpcPort: config.REWARDS_CATALOG_PORT,
        limits: config,
      }),
    );
