import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { DataSource } from 'typeorm';
import { CATALOG_STORE } from './catalog-store';
import { ServiceStore, dataSourceOptions, runMigrations } from './data-source';
import { FULFILLMENT_STORE } from './fulfillment-store';

describe.each([
  ['catalog', CATALOG_STORE],
  ['fulfillment', FULFILLMENT_STORE],
] as Array<[string, ServiceStore]>)('%s migrations', (_name, store) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(store, { url: database.url, poolSize: 2, applicationName: 'int-test' })).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('apply once, even when several replicas start together', async () => {
    const others = await Promise.all(
      [1, 2].map(() => new DataSource(dataSourceOptions(store, { url: database.url, poolSize: 1, applicationName: 'replica' })).initialize()),
    );
    const applied = await Promise.all([dataSource, ...others].map((ds) => runMigrations(ds, store.schema)));
    await Promise.all(others.map((ds) => ds.destroy()));
    expect(applied.flat()).toHaveLength(store.migrations.length as number);
    expect(await runMigrations(dataSource, store.schema)).toEqual([]);
  });

  it('leave no drift between the entities and the schema', async () => {
    await runMigrations(dataSource, store.schema);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
