import 'reflect-metadata';
import { OPENAPI_SECURITY_SCHEMES } from '@phoenix/auth';
import { createHttpApp, listen, loadConfig, runApp, setShutdownTimeout, setupDocs } from '@phoenix/platform';
import { AppModule } from './app.module';
import { AdminGatewayConfigSchema } from './config';

export const app = runApp('admin-gateway', async () => {
  const config = loadConfig('admin-gateway', AdminGatewayConfigSchema);
  setShutdownTimeout(config.SHUTDOWN_TIMEOUT_MS);
  const gateway = await createHttpApp(AppModule.forConfig(config), {
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    configure: (nest) =>
      setupDocs(nest, {
        title: 'Phoenix Rewards — admin gateway',
        description: 'Back-office API: tenants, catalog, grants, orders, wallets. Tenant API key or admin JWT.',
        securitySchemes: OPENAPI_SECURITY_SCHEMES,
      }),
  });
  await listen(gateway, config.ADMIN_GATEWAY_PORT, config.HOST);
  return gateway;
});
