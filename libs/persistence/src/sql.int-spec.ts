import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { DataSource, QueryFailedError } from 'typeorm';
import { allowPreparedStatements, preparedRows, statement } from './sql';

describe('preparedRows (real Postgres)', () => {
  let database: TestDatabase;
  const sources: DataSource[] = [];

  /** One connection, so every statement and the check of pg_prepared_statements share a session. */
  async function dataSource(prepared: boolean): Promise<DataSource> {
    const source = await new DataSource({ type: 'postgres', url: database.url, poolSize: 1, extra: { max: 1 } }).initialize();
    if (prepared) allowPreparedStatements(source);
    sources.push(source);
    return source;
  }

  const prepared = async (source: DataSource) =>
    ((await source.query('SELECT name FROM pg_prepared_statements ORDER BY name')) as Array<{ name: string }>).map((r) => r.name);

  beforeAll(async () => {
    database = await createTestDatabase();
    const setup = await dataSource(false);
    await setup.query('CREATE TABLE things (id int PRIMARY KEY, label text NOT NULL)');
  });

  afterAll(async () => {
    for (const source of sources) await source.destroy();
    await database?.drop();
  });

  const insert = statement('things_insert', 'INSERT INTO things (id, label) VALUES ($1, $2) RETURNING id, label');
  const byId = statement('things_by_id', 'SELECT id, label FROM things WHERE id = $1');

  it('keeps statements prepared by name, in a transaction and outside one', async () => {
    const source = await dataSource(true);
    await source.transaction((manager) => preparedRows(manager, insert, [1, 'one']));
    expect(await preparedRows(source, byId, [1])).toEqual([{ id: 1, label: 'one' }]);
    expect(await preparedRows(source.manager, byId, [1])).toEqual([{ id: 1, label: 'one' }]);
    expect(await prepared(source)).toEqual(['things_by_id', 'things_insert']);
  });

  it('runs them unnamed where named statements are not allowed (PGlite)', async () => {
    const source = await dataSource(false);
    expect(await preparedRows(source, byId, [1])).toEqual([{ id: 1, label: 'one' }]);
    await source.transaction((manager) => preparedRows(manager, insert, [2, 'two']));
    expect(await prepared(source)).toEqual([]);
  });

  it("answers a failed statement with TypeORM's QueryFailedError, as queryRows does", async () => {
    const source = await dataSource(true);
    const duplicate = source.transaction((manager) => preparedRows(manager, insert, [1, 'again']));
    await expect(duplicate).rejects.toBeInstanceOf(QueryFailedError);
    await expect(duplicate).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'things_pkey' } });
    await expect(preparedRows(source, insert, [1, 'again'])).rejects.toBeInstanceOf(QueryFailedError);
  });
});
