import 'reflect-metadata';
import { OPENAPI_SECURITY_SCHEMES } from '@phoenix/auth';
import { runApp, startGatewayApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { AdminGatewayConfigSchema } from './config';

export const app = runApp('admin-gateway', AdminGatewayConfigSchema, (config) =>
  startGatewayApp(AppModule.forConfig(config), {
    host: config.HOST,
    port: config.ADMIN_GATEWAY_PORT,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    trustedProxies: config.TRUSTED_PROXIES,
    limits: config,
    docs: {
      title: 'Phoenix Rewards — admin gateway',
      description: 'Back-office API: tenants, catalog, grants, orders, wallets. Tenant API key or admin JWT.',
      securitySchemes: OPENAPI_SECURITY_SCHEMES,
    },
  }),
);
