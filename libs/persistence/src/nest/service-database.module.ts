import { DynamicModule, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReadinessRegistry } from '@phoenix/platform';
import { DataSource } from 'typeorm';
import { DatabaseOptions, ServiceStore, dataSourceOptions, runMigrations } from '../data-source';
import { allowPreparedStatements } from '../sql';

export interface ServiceDatabaseOptions extends DatabaseOptions {
  /** Apply pending migrations at start (under an advisory lock). */
  migrationsRun: boolean;
}

function schemaSetup(store: ServiceStore, options: ServiceDatabaseOptions) {
  @Injectable()
  class SchemaSetup implements OnModuleInit {
    private readonly logger = new Logger(`Schema:${store.schema}`);

    constructor(
      private readonly dataSource: DataSource,
      private readonly readiness: ReadinessRegistry,
    ) {}

    async onModuleInit(): Promise<void> {
      if (options.preparedStatements) allowPreparedStatements(this.dataSource);
      if (options.migrationsRun) {
        const applied = await runMigrations(this.dataSource, store.schema);
        if (applied.length) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
      }
      this.readiness.add({ name: 'postgres', check: async () => void (await this.dataSource.query('SELECT 1')) });
    }
  }
  return SchemaSetup;
}

/** A service's Postgres: TypeORM on its own schema, migrations at start, a readiness probe. */
@Module({})
export class ServiceDatabaseModule {
  static forStore(store: ServiceStore, options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(store, options))],
      providers: [schemaSetup(store, options)],
    };
  }
}
