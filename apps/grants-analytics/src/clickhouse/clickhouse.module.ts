import { ClickHouseClient } from '@clickhouse/client';
import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createClickHouse, migrateClickHouse } from '@phoenix/analytics';
import { ReadinessRegistry } from '@phoenix/platform';
import { ANALYTICS_CONFIG, AnalyticsConfig } from '../config';
import { clickHouseOptions } from './clickhouse-options';

export const CLICKHOUSE = Symbol('CLICKHOUSE');

async function migrate(client: ClickHouseClient, logger: Logger): Promise<void> {
  const applied = await migrateClickHouse(client);
  if (applied.length) logger.log(`Applied ClickHouse migrations: ${applied.join(', ')}`);
}

@Injectable()
class ClickHouseLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ClickHouse');

  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    @Inject(ANALYTICS_CONFIG) private readonly config: AnalyticsConfig,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    // Embedded chDB migrates when it opens, on first use (see the factory below).
    if (this.config.MIGRATIONS_RUN && this.config.CLICKHOUSE_URL) await migrate(this.client, this.logger);
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
          ...clickHouseOptions(config),
          ...(config.MIGRATIONS_RUN ? { onEmbeddedOpen: (client: ClickHouseClient) => migrate(client, new Logger('ClickHouse')) } : {}),
        }),
    },
    ClickHouseLifecycle,
  ],
  exports: [CLICKHOUSE],
})
export class ClickHouseModule {}
