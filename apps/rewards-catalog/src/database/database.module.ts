import { Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CATALOG_STORE, dataSourceOptions, runMigrations } from '@phoenix/persistence';
import { ReadinessRegistry } from '@phoenix/platform';
import { DataSource } from 'typeorm';
import { CATALOG_CONFIG, CatalogConfig } from '../config';

@Injectable()
class CatalogSchemaSetup implements OnModuleInit {
  private readonly logger = new Logger('CatalogSchema');

  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.MIGRATIONS_RUN) {
      const applied = await runMigrations(this.dataSource, CATALOG_STORE.schema);
      if (applied.length) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
    }
    this.readiness.add({ name: 'postgres', check: async () => void (await this.dataSource.query('SELECT 1')) });
  }
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [CATALOG_CONFIG],
      useFactory: (config: CatalogConfig) =>
        dataSourceOptions(CATALOG_STORE, {
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          applicationName: 'rewards-catalog',
        }),
    }),
  ],
  providers: [CatalogSchemaSetup],
})
export class DatabaseModule {}
