import { DynamicModule, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@phoenix/platform';
import { Database } from '../database';
import { DatabaseOptions, ServiceStore, runMigrations } from '../data-source';

export interface ServiceDatabaseOptions extends DatabaseOptions {
  /** Apply pending migrations at start (under an advisory lock). */
  migrationsRun: boolean;
}

/**
 * A start while Postgres is briefly away (a failover, a node restart) waits for it, as long as
 * the ORM we used to have did (10 tries, 3 s apart); then the start fails, and the orchestrator
 * restarts the app.
 */
export async function reachDatabase(database: Pick<Database, 'query'>, warn: (message: string) => void, attempts = 10, retryMs = 3_000): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await database.query('SELECT 1');
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      warn(`Postgres is not reachable (${(error as Error).message}); trying again in ${retryMs} ms (${attempt}/${attempts})`);
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}

function schemaSetup(store: ServiceStore, options: ServiceDatabaseOptions) {
  @Injectable()
  class SchemaSetup implements OnModuleInit, OnApplicationShutdown {
    private readonly logger = new Logger(`Schema:${store.schema}`);

    constructor(
      private readonly database: Database,
      private readonly readiness: ReadinessRegistry,
    ) {}

    async onModuleInit(): Promise<void> {
      await reachDatabase(this.database, (message) => this.logger.warn(message));
      if (options.migrationsRun) {
        const applied = await runMigrations(this.database, store);
        if (applied.length) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
      }
      this.readiness.add({ name: 'postgres', check: async () => void (await this.database.query('SELECT 1')) });
    }

    /** After every other hook: the apps' last work (a relay's final flush) still has its pool. */
    async onApplicationShutdown(): Promise<void> {
      await this.database.close();
    }
  }
  return SchemaSetup;
}

/** A service's Postgres: a pool (Database), migrations at start, a readiness probe. */
@Module({})
export class ServiceDatabaseModule {
  static forStore(store: ServiceStore, options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      global: true,
      providers: [{ provide: Database, useFactory: () => Database.open(options) }, schemaSetup(store, options)],
      exports: [Database],
    };
  }
}
