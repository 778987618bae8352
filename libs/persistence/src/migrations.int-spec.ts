import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { DataSource } from 'typeorm';
import { CATALOG_STORE } from './catalog-store';
import { dataSourceOptions, runMigrations } from './data-source';

describe('catalog migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(CATALOG_STORE, { url: database.url, poolSize: 2, applicationName: 'int-test' })).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('apply once, even when several replicas start together', async () => {
    const others = await Promise.all(
      [1, 2].map(() => new DataSource(dataSourceOptions(CATALOG_STORE, { url: database.url, poolSize: 1, applicationName: 'replica' })).initialize()),
    );
    const applied = await Promise.all([dataSource, ...others].map((ds) => runMigrations(ds, CATALOG_STORE.schema)));
    await Promise.all(others.map((ds) => ds.destroy()));
    expect(applied.flat()).toHaveLength(CATALOG_STORE.migrations.length as number);
    expect(await runMigrations(dataSource, CATALOG_STORE.schema)).toEqual([]);
  });

  it('leave no drift between the entities and the schema', async () => {
    await runMigrations(dataSource, CATALOG_STORE.schema);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
