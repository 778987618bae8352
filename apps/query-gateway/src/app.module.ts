import { DynamicModule, Module } from '@nestjs/common';
import { gatewayAuthProviders } from '@phoenix/auth';
import { PlatformModule, serviceClientProvider, serviceReadinessProvider } from '@phoenix/platform';
import { QueryGatewayConfig } from './config';
import { WalletsController } from './wallets/wallets.controller';

@Module({})
export class AppModule {
  static forConfig(config: QueryGatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forApp({ app: 'query-gateway', logLevel: config.LOG_LEVEL })],
      controllers: [WalletsController],
      providers: [
        serviceClientProvider({
          name: 'rewards-catalog',
          host: config.REWARDS_CATALOG_HOST,
          port: config.REWARDS_CATALOG_PORT,
          timeoutMs: config.SERVICE_TIMEOUT_MS,
        }),
        serviceReadinessProvider('rewards-catalog'),
        ...gatewayAuthProviders({
          userJwt: true,
          hmacWindowSeconds: config.HMAC_WINDOW_SECONDS,
          credentialCacheTtlMs: config.AUTH_CACHE_TTL_MS,
        }),
      ],
    };
  }
}
