import { DynamicModule, Module } from '@nestjs/common';
import { authSettingsOf, gatewayAuthProviders } from '@phoenix/auth';
import { PlatformModule, serviceClientProviders } from '@phoenix/platform';
import { QueryGatewayConfig } from './config';
import { CatalogReadModel } from './catalog/catalog-read-model';
import { QUERY_GATEWAY_CONTROLLERS } from './openapi';

@Module({})
export class AppModule {
  static forConfig(config: QueryGatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forApp({ app: 'query-gateway', logLevel: config.LOG_LEVEL, logFormat: config.LOG_FORMAT })],
      controllers: QUERY_GATEWAY_CONTROLLERS,
      providers: [
        CatalogReadModel,
        ...serviceClientProviders('rewards-catalog', config),
        ...serviceClientProviders('grants-analytics', config),
        ...gatewayAuthProviders({
          gateway: 'query-gateway',
          userJwt: true,
          hmacWindowSeconds: config.HMAC_WINDOW_SECONDS,
          ...authSettingsOf(config),
        }),
      ],
    };
  }
}
