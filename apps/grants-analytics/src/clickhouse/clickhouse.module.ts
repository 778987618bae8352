import { ClickHouseClient } from '@clickhouse/client';
import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createClickHouse, migrateClickHouse } from '@phoenix/analytics';
import { ReadinessRegistry } from '@phoenix/platform';
import { ANALYTICS_CONFIG, AnalyticsConfig } from '../config';
import { clickHouseOptions } from './clickhouse-options';

export const CLICKHOUSE = Symbol('CLICKHOUSE');

@Injectable()
class ClickHouseLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ClickHouse');

  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    @Inject(ANALYTICS_CONFIG) private readonly config: AnalyticsConfig,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.MIGRATIONS_RUN) {
      const applied = await migrateClickHouse(this.client);
      if (applied.length) this.logger.log(`Applied ClickHouse migrations: ${applied.join(', ')}`);
    }
    this.readiness.add({ name: 'clickhouse', check: async () => void (await this.client.query({ query: 'SELECT 1' })).close() });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: CLICKHOUSE,
      inject: [ANALYTICS_CONFIG],
      useFactory: (config: AnalyticsConfig) => createClickHouse(clickHouseOptions(config)),
    },
    ClickHouseLifecycle,
  ],
  exports: [CLICKHOUSE],
})
export class ClickHouseModule {}
