import { DatabaseError, Pool, type PoolClient } from 'pg';

/**
 * The services' access to Postgres: a `pg` pool, transactions on one of its clients, and
 * named prepared statements on the hot paths.
 *
 * Hand-written over `pg` rather than through an ORM: every statement of the services is SQL
 * written for its path (one round trip per purchase step, locks taken last), so an ORM only
 * added its own cost. TypeORM's index alone took 250–370 ms of every start of the standalone
 * and a layer of objects around each query; its entities are kept, as the description of the
 * schema that a test holds the migrations to (see typeorm-schema.ts), but nothing at run time
 * loads TypeORM.
 */
export interface DatabaseOptions {
  url: string;
  poolSize: number;
  applicationName: string;
  /** Whether hot-path statements may be kept prepared on the connections (see Statement). */
  preparedStatements?: boolean;
}

/** A statement of a hot path, prepared once per connection under its name. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

export function statement(name: string, text: string): Statement {
  return { name, text };
}

/** A statement as `pg` runs it: under its name where named statements are allowed, else unnamed. */
function statementQuery(stmt: Statement, values: unknown[], prepared: boolean): { name?: string; text: string; values: unknown[] } {
  return prepared ? { name: stmt.name, text: stmt.text, values } : { text: stmt.text, values };
}

/** Where a statement runs: the pool (each on any free connection) or one transaction. */
export type Executor = Database | Transaction;

/** Told when a transaction has ended, committed or not (see Database.onTransactionEnd). */
export type TransactionEndListener = (transaction: Transaction, committed: boolean) => void;

/** One transaction on one pooled connection. Open only inside Database.transaction's work. */
export class Transaction {
  /** What the work of this transaction wants to remember until it ends (see onTransactionEnd). */
  readonly data: Record<string, unknown> = {};
  private ended = false;

  constructor(
    private readonly client: PoolClient,
    private readonly prepared: boolean,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
    this.assertOpen();
    return (await this.client.query(text, params)).rows as T[];
  }

  /** A hot-path statement: named, so Postgres parses and plans it once per connection. */
  async run<T>(stmt: Statement, params: unknown[]): Promise<T[]> {
    this.assertOpen();
    return (await this.client.query(statementQuery(stmt, params, this.prepared))).rows as T[];
  }

  /** @internal Database.transaction ends it. */
  end(): void {
    this.ended = true;
  }

  private assertOpen(): void {
    if (this.ended) throw new Error('this transaction has ended: its statements must run inside its work');
  }
}

export class Database {
  private readonly listeners: TransactionEndListener[] = [];

  constructor(
    readonly pool: Pool,
    /**
     * Not for the embedded PGlite of standalone mode: it is one Postgres session shared by
     * every client, so a name prepared by one connection would collide with the same name
     * from another.
     */
    private readonly prepared = false,
  ) {}

  static open(options: DatabaseOptions): Database {
    const pool = new Pool({
      connectionString: options.url,
      max: options.poolSize,
      application_name: options.applicationName,
      connectionTimeoutMillis: 10_000,
    });
    // An idle client whose connection drops emits here; without a listener the process would
    // crash. The next query gets a fresh connection, and readiness reports the outage.
    pool.on('error', () => undefined);
    return new Database(pool, options.preparedStatements ?? false);
  }

  async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(text, params)).rows as T[];
  }

  async run<T>(stmt: Statement, params: unknown[]): Promise<T[]> {
    return (await this.pool.query(statementQuery(stmt, params, this.prepared))).rows as T[];
  }

  /**
   * Runs `work` in a transaction (READ COMMITTED, Postgres' default) on one connection: it
   * commits when the work resolves, rolls back when it throws, and the error goes on.
   */
  async transaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const transaction = new Transaction(client, this.prepared);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      let result: T;
      try {
        result = await work(transaction);
        await client.query('COMMIT');
      } catch (error) {
        transaction.end();
        await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
        this.ended(transaction, false);
        throw error;
      }
      transaction.end();
      this.ended(transaction, true);
      return result;
    } catch (error) {
      // A failed BEGIN leaves the connection in doubt too.
      if (!transaction.isEnded) broken = error as Error;
      throw error;
    } finally {
      // A connection whose transaction could not be closed is not given back to the pool.
      client.release(broken);
    }
  }

  /**
   * Called after every transaction of this database ends (after COMMIT or ROLLBACK), before
   * `transaction` returns. A listener must not throw: the transaction's outcome is settled.
   */
  onTransactionEnd(listener: TransactionEndListener): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private ended(transaction: Transaction, committed: boolean): void {
    for (const listener of this.listeners) listener(transaction, committed);
  }
}

/** Runs SQL and returns its rows. */
export function queryRows<T>(executor: Executor, text: string, params: unknown[] = []): Promise<T[]> {
  return executor.query<T>(text, params);
}

/** For statements that always return a row (INSERT … RETURNING, aggregates): that row. */
export async function queryOne<T>(executor: Executor, text: string, params: unknown[] = []): Promise<T> {
  const [row] = await executor.query<T>(text, params);
  if (row === undefined) throw new Error(`expected a row from: ${text.trim().split('\n')[0]}`);
  return row;
}

/** Runs a hot-path statement, named where the database allows it (see Database). */
export function preparedRows<T>(executor: Executor, stmt: Statement, params: unknown[]): Promise<T[]> {
  return executor.run<T>(stmt, params);
}

/** preparedRows for statements that always return a row. */
export async function preparedOne<T>(executor: Executor, stmt: Statement, params: unknown[]): Promise<T> {
  const [row] = await executor.run<T>(stmt, params);
  if (row === undefined) throw new Error(`expected a row from statement ${stmt.name}`);
  return row;
}

/** Whether `error` is Postgres refusing a statement for the named constraint. */
export function violates(error: unknown, constraint: string): boolean {
  return error instanceof DatabaseError && error.constraint === constraint;
}
