import 'reflect-metadata';
import { OPENAPI_SECURITY_SCHEMES } from '@phoenix/auth';
import { ServiceClient, runApp, serviceToken, startGatewayApp } from '@phoenix/platform';
import { AppModule } from './app.module';
import { QueryGatewayConfigSchema } from './config';
import { CorsOrigins } from './cors/cors-origins';
import { countPurchaseOutcomes } from './orders/purchase-outcomes';

export const app = runApp('query-gateway', QueryGatewayConfigSchema, (config) =>
  startGatewayApp(AppModule.forConfig(config), {
    host: config.HOST,
    port: config.QUERY_GATEWAY_PORT,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    trustedProxies: config.TRUSTED_PROXIES,
    limits: config,
    docs: {
      title: 'Phoenix Rewards — query gateway',
      description: 'Client API: catalog, purchases, orders, grant history, wallets. Tenant user JWT or HMAC request signing.',
      securitySchemes: OPENAPI_SECURITY_SCHEMES,
    },
    // Browser apps call this gateway directly with the user's JWT.
    configure: (nest) => {
      countPurchaseOutcomes(nest);
      const catalog = nest.get<string, ServiceClient>(serviceToken('rewards-catalog'));
      const origins = new CorsOrigins(config.CORS_ALLOWED_ORIGINS, catalog, config.AUTH_CACHE_TTL_MS);
      nest.enableCors({
        origin: (origin, callback) => {
          if (!origin) return callback(null, false);
          origins.allows(origin).then(
            (allowed) => callback(null, allowed),
            () => callback(null, false),
          );
        },
        methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
        // Browser apps may read when to retry after a 429.
        exposedHeaders: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining'],
        maxAge: 600,
      });
    },
  }),
);
