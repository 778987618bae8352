import { ClickHouseClient } from '@clickhouse/client';
import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createClickHouse, migrateClickHouse } from '@phoenix/analytics';
import { ReadinessRegistry } from '@phoenix/platform';
import { join, resolve } from 'node:path';
import { ANALYTICS_CONFIG, AnalyticsConfig } from '../config';

export const CLICKHOUSE = Symbol('CLICKHOUSE');

@Injectable()
class ClickHouseLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ClickHouse');

  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    const applied = await migrateClickHouse(this.client);
    if (applied.length) this.logger.log(`Applied ClickHouse migrations: ${applied.join(', ')}`);
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
      useFactory: (config: AnalyticsConfig) =>
        createClickHouse({
          ...(config.CLICKHOUSE_URL ? { url: config.CLICKHOUSE_URL } : {}),
          ...(config.CLICKHOUSE_USER ? { username: config.CLICKHOUSE_USER } : {}),
          ...(config.CLICKHOUSE_PASSWORD ? { password: config.CLICKHOUSE_PASSWORD } : {}),
          ...(config.CLICKHOUSE_DATABASE ? { database: config.CLICKHOUSE_DATABASE } : {}),
          path: join(resolve(config.DATA_DIR), 'chdb'),
        }),
    },
    ClickHouseLifecycle,
  ],
  exports: [CLICKHOUSE],
})
export class ClickHouseModule {}
