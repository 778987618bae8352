import 'reflect-metadata';
import { runApp, startServiceApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { AnalyticsConfigSchema } from './config';

export const app = runApp('grants-analytics', AnalyticsConfigSchema, (config) =>
  startServiceApp(AppModule.forConfig(config), {
    host: config.HOST,
    httpPort: config.GRANTS_ANALYTICS_HTTP_PORT,
    rpcPort: config.GRANTS_ANALYTICS_PORT,
  }),
);
