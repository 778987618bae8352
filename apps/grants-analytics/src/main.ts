import 'reflect-metadata';
import { isMigrateCommand, runApp, runMigrateCommand, startServiceApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { clickHouseMigration } from './clickhouse/clickhouse-options';
import { AnalyticsConfigSchema } from './config';

export const app = isMigrateCommand()
  ? runMigrateCommand('grants-analytics', AnalyticsConfigSchema, clickHouseMigration)
  : runApp('grants-analytics', AnalyticsConfigSchema, (config) =>
      startServiceApp(AppModule.forConfig(config), {
        service: 'grants-analytics',
        host: config.HOST,
        httpPort: config.GRANTS_ANALYTICS_HTTP_PORT,
        rpcPort: config.GRANTS_ANALYTICS_PORT,
        limits: config,
      }),
    );
