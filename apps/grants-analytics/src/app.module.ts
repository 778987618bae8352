import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, pingController } from '@phoenix/platform';
import { ClickHouseModule } from './clickhouse/clickhouse.module';
import { ANALYTICS_CONFIG, AnalyticsConfig } from './config';
import { IngestModule } from './ingest/ingest.module';
import { GrantQueryHandlers } from './queries/grant-query.handlers';

@Module({})
export class AppModule {
  static forConfig(config: AnalyticsConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [PlatformModule.forApp({ app: 'grants-analytics', logLevel: config.LOG_LEVEL, logFormat: config.LOG_FORMAT }), ClickHouseModule, IngestModule],
      controllers: [pingController('grants-analytics'), GrantQueryHandlers],
      providers: [{ provide: ANALYTICS_CONFIG, useValue: config }],
      exports: [ANALYTICS_CONFIG],
    };
  }
}
