import { DynamicModule, Module } from '@nestjs/common';
import { authSettingsOf, gatewayAuthProviders } from '@phoenix/auth';
import { PlatformModule, serviceClientProviders } from '@phoenix/platform';
import { AdminGatewayConfig } from './config';
import { ADMIN_GATEWAY_CONTROLLERS } from './openapi';

@Module({})
export class AppModule {
  static forConfig(config: AdminGatewayConfig): DynamicModule {
    const admin = {
      ...(config.ADMIN_JWT_SECRET ? { secret: config.ADMIN_JWT_SECRET } : {}),
      ...(config.ADMIN_JWKS_URL ? { jwksUrl: config.ADMIN_JWKS_URL } : {}),
      ...(config.ADMIN_JWT_ISSUER ? { issuer: config.ADMIN_JWT_ISSUER } : {}),
      ...(config.ADMIN_JWT_AUDIENCE ? { audience: config.ADMIN_JWT_AUDIENCE } : {}),
    };
    return {
      module: AppModule,
      imports: [PlatformModule.forApp({ app: 'admin-gateway', logLevel: config.LOG_LEVEL, logFormat: config.LOG_FORMAT })],
      controllers: ADMIN_GATEWAY_CONTROLLERS,
      providers: [
        ...serviceClientProviders('rewards-catalog', config),
        ...serviceClientProviders('grants-analytics', config),
        ...serviceClientProviders('order-fulfillment', config),
        ...gatewayAuthProviders({
          gateway: 'admin-gateway',
          platformKey: config.PHOENIX_PLATFORM_KEY,
          admin,
          userJwt: false,
          hmacWindowSeconds: 300,
          ...authSettingsOf(config),
        }),
      ],
    };
  }
}
