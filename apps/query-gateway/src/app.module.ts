import { DynamicModule, Module } from '@nestjs/common';
import { authSettingsOf, gatewayAuthProviders } from '@phoenix/auth';
import { PlatformModule, serviceClientProviders } from '@phoenix/platform';
import { QueryGatewayConfig } from './config';
import { CatalogController } from './catalog/catalog.controller';
import { CatalogReadModel } from './catalog/catalog-read-model';
import { GrantHistoryController } from './grants/grant-history.controller';
import { OrdersController } from './orders/orders.controller';
import { WalletsController } from './wallets/wallets.controller';

@Module({})
export class AppModule {
  static forConfig(config: QueryGatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forApp({ app: 'query-gateway', logLevel: config.LOG_LEVEL, logFormat: config.LOG_FORMAT })],
      controllers: [WalletsController, CatalogController, OrdersController, GrantHistoryController],
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
