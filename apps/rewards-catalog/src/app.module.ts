import { DynamicModule, Module } from '@nestjs/common';
import { SecretBox } from '@phoenix/auth';
import { CATALOG_STORE, ServiceDatabaseModule } from '@phoenix/persistence';
import { PlatformModule, pingController } from '@phoenix/platform';
import { CATALOG_CONFIG, CatalogConfig } from './config';
import { TenantsModule } from './tenants/tenants.module';
import { OrdersModule } from './orders/orders.module';
import { RewardsModule } from './rewards/rewards.module';
import { WalletsModule } from './wallets/wallets.module';

@Module({})
export class AppModule {
  static forConfig(config: CatalogConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        PlatformModule.forApp({ app: 'rewards-catalog', logLevel: config.LOG_LEVEL, logFormat: config.LOG_FORMAT }),
        ServiceDatabaseModule.forStore(CATALOG_STORE, {
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
          applicationName: 'rewards-catalog',
          migrationsRun: config.MIGRATIONS_RUN,
        }),
        TenantsModule,
        WalletsModule,
        RewardsModule,
        OrdersModule,
      ],
      controllers: [pingController('rewards-catalog')],
      providers: [{ provide: CATALOG_CONFIG, useValue: config }, { provide: SecretBox, useValue: SecretBox.fromKeys(config.SECRETS_KEY, config.SECRETS_KEYS_OLD) }],
      exports: [CATALOG_CONFIG, SecretBox],
    };
  }
}
