import 'reflect-metadata';
import { OPENAPI_SECURITY_SCHEMES } from '@phoenix/auth';
import {
  ServiceClient,
  createHttpApp,
  listen,
  loadConfig,
  runApp,
  serviceToken,
  setShutdownTimeout,
  setupDocs,
} from '@phoenix/platform';
import { AppModule } from './app.module';
import { QueryGatewayConfigSchema } from './config';
import { CorsOrigins } from './cors/cors-origins';

export const app = runApp('query-gateway', async () => {
  const config = loadConfig('query-gateway', QueryGatewayConfigSchema);
  setShutdownTimeout(config.SHUTDOWN_TIMEOUT_MS);
  const gateway = await createHttpApp(AppModule.forConfig(config), {
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    configure: (nest) => {
      const origins = new CorsOrigins(config.CORS_ALLOWED_ORIGINS, nest.get(serviceToken('rewards-catalog')) as ServiceClient, config.AUTH_CACHE_TTL_MS);
      nest.enableCors({
        origin: (origin, callback) => {
          if (!origin) return callback(null, false);
          origins.allows(origin).then((ok) => callback(null, ok), () => callback(null, false));
        },
        methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
        maxAge: 600,
      });
      setupDocs(nest, {
        title: 'Phoenix Rewards — query gateway',
        description: "Client API: catalog, purchases, orders, grant history, wallets. Tenant user JWT or HMAC request signing.",
        securitySchemes: OPENAPI_SECURITY_SCHEMES,
      });
    },
  });
  await listen(gateway, config.QUERY_GATEWAY_PORT, config.HOST);
  return gateway;
});
