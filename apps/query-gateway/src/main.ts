import 'reflect-metadata';
import { ServiceClient, runApp, serviceToken, startGatewayApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { QueryGatewayConfigSchema } from './config';
import { QUERY_GATEWAY_API } from './openapi';
import { CorsOrigins } from './cors/cors-origins';
import { countPurchaseOutcomes } from './orders/purchase-outcomes';

export const app = runApp('query-gateway', QueryGatewayConfigSchema, (config) =>
  startGatewayApp(AppModule.forConfig(config), {
    host: config.HOST,
    app: 'query-gateway',
    port: config.QUERY_GATEWAY_PORT,
    opsPort: config.QUERY_GATEWAY_OPS_PORT,
    docsPublic: config.DOCS_PUBLIC,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    trustedProxies: config.TRUSTED_PROXIES,
    limits: config,
    docs: QUERY_GATEWAY_API,
    // Browser apps call this gateway directly with the user's JWT.
    cors: (nest) => new CorsOrigins(config.CORS_ALLOWED_ORIGINS, nest.get<string, ServiceClient>(serviceToken('rewards-catalog')), config.AUTH_CACHE_TTL_MS),
    configure: (nest) => countPurchaseOutcomes(nest),
  }),
);
