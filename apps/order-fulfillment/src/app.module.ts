import { DynamicModule, Module } from '@nestjs/common';
import { SecretBox } from '@phoenix/auth';
import { FULFILLMENT_STORE, ServiceDatabaseModule } from '@phoenix/persistence';
import { PlatformModule, pingController, serviceClientProviders, serviceToken } from '@phoenix/platform';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from './config';
import { ExpirySweeper } from './expiry/expiry-sweeper';
import { IntakeModule } from './intake/intake.module';

@Module({})
export class AppModule {
  static forConfig(config: FulfillmentConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        PlatformModule.forApp({ app: 'order-fulfillment', logLevel: config.LOG_LEVEL, logFormat: config.LOG_FORMAT }),
        ServiceDatabaseModule.forStore(FULFILLMENT_STORE, {
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
          applicationName: 'order-fulfillment',
          migrationsRun: config.MIGRATIONS_RUN,
        }),
        IntakeModule,
      ],
      controllers: [pingController('order-fulfillment')],
      providers: [
        { provide: FULFILLMENT_CONFIG, useValue: config },
        // Seals webhook endpoint secrets at rest (WebhookRepository).
        { provide: SecretBox, useValue: SecretBox.fromKeys(config.SECRETS_KEY, config.SECRETS_KEYS_OLD) },
        // Not required: jobs wait for it (job-worker.ts) and only the webhook routes that ask it answer 503.
        ...serviceClientProviders('rewards-catalog', config, { required: false }),
        ExpirySweeper,
      ],
      exports: [FULFILLMENT_CONFIG, SecretBox, serviceToken('rewards-catalog'), ExpirySweeper],
    };
  }
}
