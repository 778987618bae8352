// Data source for the TypeORM CLI (`migration:generate`), pointed at a scratch database.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CATALOG_STORE, dataSourceOptions } from '@phoenix/persistence';

export default new DataSource(
  dataSourceOptions(CATALOG_STORE, {
    url: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/phoenix_migration_scratch',
    poolSize: 1,
    applicationName: 'typeorm-cli',
  }),
);
