// Data source for the TypeORM CLI (`migration:generate`), pointed at a scratch database.
// STORE picks the service's schema: catalog (default) or fulfillment.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CATALOG_STORE, FULFILLMENT_STORE } from '@phoenix/persistence';
import { typeormOptions } from '../../libs/persistence/src/typeorm-schema';

const stores = { catalog: CATALOG_STORE, fulfillment: FULFILLMENT_STORE };
const store = stores[(process.env['STORE'] ?? 'catalog') as keyof typeof stores];
if (!store) throw new Error(`STORE must be one of: ${Object.keys(stores).join(', ')}`);

export default new DataSource(
  typeormOptions(store, process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/phoenix_migration_scratch', 'typeorm-cli'),
);
