import type { DataSourceOptions } from 'typeorm';
import { CATALOG_ENTITIES } from './catalog';
import { CATALOG_STORE } from './catalog-store';
import type { ServiceStore } from './data-source';
import { FULFILLMENT_ENTITIES } from './fulfillment';
import { FULFILLMENT_STORE } from './fulfillment-store';

/**
 * The schema as TypeORM entities, for development only: the test that holds the migrations
 * to it (migrations.int-spec.ts) and `npm run db:migration:generate`, which writes the next
 * migration from a change to an entity. Nothing the apps run imports this file, so TypeORM
 * is a development dependency (see database.ts).
 */
export const STORE_ENTITIES = [
  { store: CATALOG_STORE, entities: CATALOG_ENTITIES },
  { store: FULFILLMENT_STORE, entities: FULFILLMENT_ENTITIES },
] as const;

export function typeormOptions(store: ServiceStore, url: string, applicationName: string): DataSourceOptions {
  const entry = STORE_ENTITIES.find((e) => e.store.schema === store.schema);
  if (!entry) throw new Error(`no entities for schema ${store.schema}`);
  return {
    type: 'postgres',
    url,
    schema: store.schema,
    entities: [...entry.entities],
    migrations: store.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    applicationName,
    poolSize: 1,
  };
}
