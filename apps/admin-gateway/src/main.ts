import 'reflect-metadata';
import { runApp, startGatewayApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { AdminGatewayConfigSchema } from './config';
import { ADMIN_GATEWAY_API } from './openapi';

export const app = runApp('admin-gateway', AdminGatewayConfigSchema, (config) =>
  startGatewayApp(AppModule.forConfig(config), {
    host: config.HOST,
    app: 'admin-gateway',
    port: config.ADMIN_GATEWAY_PORT,
    opsPort: config.ADMIN_GATEWAY_OPS_PORT,
    docsPublic: config.DOCS_PUBLIC,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    trustedProxies: config.TRUSTED_PROXIES,
    limits: config,
    docs: ADMIN_GATEWAY_API,
  }),
);
