import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { DataSource } from 'typeorm';
import { CATALOG_STORE } from './catalog-store';
import { ServiceStore, runMigrations } from './data-source';
import { Database } from './database';
import { FULFILLMENT_STORE } from './fulfillment-store';
import { typeormOptions } from './typeorm-schema';

describe.each([
  ['catalog', CATALOG_STORE],
  ['fulfillment', FULFILLMENT_STORE],
] as Array<[string, ServiceStore]>)('%s migrations', (_name, store) => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 2, applicationName: 'int-test' });
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('apply once, even when several replicas start together', async () => {
    const others = [1, 2].map(() => Database.open({ url: database.url, poolSize: 1, applicationName: 'replica' }));
    const applied = await Promise.all([db, ...others].map((replica) => runMigrations(replica, store)));
    await Promise.all(others.map((replica) => replica.close()));
    expect(applied.flat()).toEqual(store.migrations.map((Step) => new Step().name));
    expect(await runMigrations(db, store)).toEqual([]);
    // Recorded as TypeORM recorded them, so databases migrated by it go on from where they are.
    const recorded = await db.query<{ timestamp: string; name: string }>(`SELECT timestamp, name FROM "${store.schema}".migrations ORDER BY id`);
    expect(recorded).toEqual(store.migrations.map((Step) => ({ name: new Step().name, timestamp: new Step().name.slice(-13) })));
  });

  it('go on from a database that TypeORM migrated part of the way', async () => {
    const partial = await createTestDatabase();
    const typeorm = await new DataSource({ ...typeormOptions(store, partial.url, 'int-test'), migrations: store.migrations.slice(0, 1) }).initialize();
    try {
      await typeorm.query(`CREATE SCHEMA IF NOT EXISTS "${store.schema}"`);
      expect((await typeorm.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual([new store.migrations[0]!().name]);
      const replica = Database.open({ url: partial.url, poolSize: 1, applicationName: 'int-test' });
      try {
        expect(await runMigrations(replica, store)).toEqual(store.migrations.slice(1).map((Step) => new Step().name));
      } finally {
        await replica.close();
      }
    } finally {
      await typeorm.destroy();
      await partial.drop();
    }
  });

  it('rolls a failing migration back whole and reports which one failed', async () => {
    const broken = await createTestDatabase();
    const replica = Database.open({ url: broken.url, poolSize: 1, applicationName: 'int-test' });
    class Broken9999999999999 {
      name = 'Broken9999999999999';
      async up(queries: { query(text: string): Promise<unknown> }): Promise<void> {
        await queries.query(`CREATE TABLE "${store.schema}".half_made (id int)`);
        await queries.query('SELECT no_such_function()');
      }
      async down(queries: { query(text: string): Promise<unknown> }): Promise<void> {
        await queries.query(`DROP TABLE "${store.schema}".half_made`);
      }
    }
    try {
      await expect(runMigrations(replica, { ...store, migrations: [...store.migrations, Broken9999999999999] })).rejects.toThrow(/Broken9999999999999 failed/);
      expect(await replica.query(`SELECT to_regclass('"${store.schema}".half_made') AS t`)).toEqual([{ t: null }]);
      expect(await runMigrations(replica, store)).toEqual([]);
    } finally {
      await replica.close();
      await broken.drop();
    }
  });

  it('leave no drift between the entities and the schema', async () => {
    await runMigrations(db, store);
    const typeorm = await new DataSource(typeormOptions(store, database.url, 'int-test')).initialize();
    try {
      const pending = await typeorm.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await typeorm.destroy();
    }
  });
});

describe('catalog.wallet_ledger', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 1, applicationName: 'int-test' });
    await runMigrations(db, CATALOG_STORE);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE of its entries', async () => {
    await db.query(
      `INSERT INTO catalog.wallet_ledger (tenant_id, user_id, asset, currency, amount, balance_after, reason)
       VALUES ('t', 'u', 'currency', 'gold', 10, 10, 'welcome')`,
    );
    for (const statement of [
      `UPDATE catalog.wallet_ledger SET amount = 1000`,
      `DELETE FROM catalog.wallet_ledger`,
      `TRUNCATE catalog.wallet_ledger`,
    ]) {
      await expect(db.query(statement)).rejects.toThrow(/wallet_ledger is append-only/);
    }
    expect(await db.query(`SELECT amount::int, balance_after::int FROM catalog.wallet_ledger`)).toEqual([{ amount: 10, balance_after: 10 }]);
  });
});
