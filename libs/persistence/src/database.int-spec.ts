import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { DatabaseError } from 'pg';
import { Database, type Transaction, preparedRows, queryRows, statement, violates } from './database';

describe('Database (real Postgres)', () => {
  let database: TestDatabase;
  const opened: Database[] = [];

  /** One connection, so every statement and the check of pg_prepared_statements share a session. */
  function open(preparedStatements: boolean): Database {
    const db = Database.open({ url: database.url, poolSize: 1, applicationName: 'int-test', preparedStatements });
    opened.push(db);
    return db;
  }

  const prepared = async (db: Database) => (await db.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).map((r) => r.name);
  const labels = async (db: Database) => (await db.query<{ label: string }>('SELECT label FROM things ORDER BY id')).map((r) => r.label);

  beforeAll(async () => {
    database = await createTestDatabase();
    await open(false).query('CREATE TABLE things (id int PRIMARY KEY, label text NOT NULL)');
  });

  afterAll(async () => {
    for (const db of opened) await db.close();
    await database?.drop();
  });

  const insert = statement('things_insert', 'INSERT INTO things (id, label) VALUES ($1, $2) RETURNING id, label');
  const byId = statement('things_by_id', 'SELECT id, label FROM things WHERE id = $1');

  it('keeps statements prepared by name, in a transaction and outside one', async () => {
    const db = open(true);
    await db.transaction((tx) => preparedRows(tx, insert, [1, 'one']));
    expect(await preparedRows(db, byId, [1])).toEqual([{ id: 1, label: 'one' }]);
    expect(await prepared(db)).toEqual(['things_by_id', 'things_insert']);
  });

  it('runs them unnamed where named statements are not allowed (PGlite)', async () => {
    const db = open(false);
    expect(await preparedRows(db, byId, [1])).toEqual([{ id: 1, label: 'one' }]);
    await db.transaction((tx) => preparedRows(tx, insert, [2, 'two']));
    expect(await prepared(db)).toEqual([]);
  });

  it('answers UPDATE and DELETE with the rows they return, like a SELECT', async () => {
    const db = open(false);
    expect(await queryRows(db, `UPDATE things SET label = label WHERE id = 2 RETURNING id`)).toEqual([{ id: 2 }]);
    expect(await queryRows(db, `DELETE FROM things WHERE id = 99 RETURNING id`)).toEqual([]);
  });

  it("answers a failed statement with pg's DatabaseError, which violates() reads", async () => {
    const db = open(true);
    const duplicate = db.transaction((tx) => preparedRows(tx, insert, [1, 'again']));
    await expect(duplicate).rejects.toBeInstanceOf(DatabaseError);
    await expect(duplicate).rejects.toMatchObject({ code: '23505', constraint: 'things_pkey' });
    const error = await preparedRows(db, insert, [1, 'again']).catch((e: unknown) => e);
    expect(violates(error, 'things_pkey')).toBe(true);
    expect(violates(error, 'other')).toBe(false);
    expect(violates(new Error('things_pkey'), 'things_pkey')).toBe(false);
  });

  it('commits the work of a transaction, or rolls all of it back when the work throws, and tells its listeners which', async () => {
    const db = open(false);
    const ends: Array<{ marked: unknown; committed: boolean }> = [];
    db.onTransactionEnd((tx, committed) => ends.push({ marked: tx.data['mark'], committed }));
    await db.transaction(async (tx) => {
      tx.data['mark'] = 'kept';
      await tx.query(`INSERT INTO things VALUES (3, 'three')`);
    });
    const failed = db.transaction(async (tx) => {
      tx.data['mark'] = 'dropped';
      await tx.query(`INSERT INTO things VALUES (4, 'four')`);
      throw new Error('the work failed');
    });
    await expect(failed).rejects.toThrow('the work failed');
    expect(await labels(db)).toEqual(['one', 'two', 'three']);
    expect(ends).toEqual([
      { marked: 'kept', committed: true },
      { marked: 'dropped', committed: false },
    ]);
    // The one connection went back to the pool clean: a statement after a rollback runs.
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('refuses statements on a transaction after its work has ended', async () => {
    const db = open(false);
    let escaped!: Transaction;
    await db.transaction(async (tx) => void (escaped = tx));
    await expect(escaped.query('SELECT 1')).rejects.toThrow(/has ended/);
  });

  it('isolates concurrent transactions on their own connections', async () => {
    const db = Database.open({ url: database.url, poolSize: 4, applicationName: 'int-test' });
    opened.push(db);
    await Promise.all(
      [10, 11, 12, 13].map((id) =>
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO things VALUES ($1, $2)', [id, `t${id}`]);
          await tx.query('SELECT pg_sleep(0.05)');
          if (id % 2) throw new Error('odd');
        }).catch(() => undefined),
      ),
    );
    expect((await labels(db)).filter((l) => /^t\d/.test(l))).toEqual(['t10', 't12']);
  });
});
