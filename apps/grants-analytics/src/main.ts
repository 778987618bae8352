import 'reflect-metadata';
import { loadConfig, runApp, setShutdownTimeout, startServiceApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { AnalyticsConfigSchema } from './config';

export const app = runApp('grants-analytics', async () => {
  const config = loadConfig('grants-analytics', AnalyticsConfigSchema);
  setShutdownTimeout(config.SHUTDOWN_TIMEOUT_MS);
  return startServiceApp(AppModule.forConfig(config), {
    host: config.HOST,
    httpPort: config.GRANTS_ANALYTICS_HTTP_PORT,
    rpcPort: config.GRANTS_ANALYTICS_PORT,
  });
});
