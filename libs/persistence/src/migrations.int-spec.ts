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

describe('catalog.wallet_ledger', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(CATALOG_STORE, { url: database.url, poolSize: 1, applicationName: 'int-test' })).initialize();
    await runMigrations(dataSource, CATALOG_STORE.schema);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE of its entries', async () => {
    await dataSource.query(
      `INSERT INTO catalog.wallet_ledger (tenant_id, user_id, asset, currency, amount, balance_after, reason)
       VALUES ('t', 'u', 'currency', 'gold', 10, 10, 'welcome')`,
    );
    for (const statement of [
      `UPDATE catalog.wallet_ledger SET amount = 1000`,
      `DELETE FROM catalog.wallet_ledger`,
      `TRUNCATE catalog.wallet_ledger`,
    ]) {
      await expect(dataSource.query(statement)).rejects.toThrow(/wallet_ledger is append-only/);
    }
    expect(await dataSource.query(`SELECT amount::int, balance_after::int FROM catalog.wallet_ledger`)).toEqual([{ amount: 10, balance_after: 10 }]);
  });
});
