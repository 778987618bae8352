import type { PoolClient as PgClient } from 'pg';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';

/**
 * Runs raw SQL and returns its rows. TypeORM's Postgres driver answers UPDATE and DELETE with
 * `[rows, rowCount]` instead of the rows; this hides that difference from repositories.
 */
export async function queryRows<T>(executor: EntityManager | DataSource, text: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await executor.query(text, params);
  if (/^\s*(UPDATE|DELETE)\b/i.test(text)) return (result as [T[], number])[0];
  return result as T[];
}

/** For statements that always return a row (INSERT … RETURNING, aggregates): that row. */
export async function queryOne<T>(executor: EntityManager | DataSource, text: string, params: unknown[] = []): Promise<T> {
  const [row] = await queryRows<T>(executor, text, params);
  if (row === undefined) throw new Error(`expected a row from: ${text.trim().split('\n')[0]}`);
  return row;
}

/** A statement of a hot path, prepared once per connection under its name (see preparedRows). */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

export function statement(name: string, text: string): Statement {
  return { name, text };
}

/** Data sources whose connections may keep named statements (see allowPreparedStatements). */
const PREPARED = new WeakSet<DataSource>();

/**
 * Lets preparedRows keep named statements on this data source's connections. Not for the
 * embedded PGlite of standalone mode: it is one Postgres session shared by every client, so
 * a name prepared by one connection would collide with the same name from another.
 */
export function allowPreparedStatements(dataSource: DataSource): void {
  PREPARED.add(dataSource);
}

/**
 * Runs a hot-path statement as a named prepared statement: Postgres
 * parses and plans it once per connection, and each later run only binds and executes.
 * TypeORM sends every query unnamed (parse, plan, run, each time), so this goes to the
 * connection's `pg` client directly; errors are wrapped as TypeORM's QueryFailedError,
 * like those of queryRows. Where named statements are not allowed, it is queryRows.
 */
export async function preparedRows<T>(executor: EntityManager | DataSource, stmt: Statement, params: unknown[]): Promise<T[]> {
  const dataSource = executor instanceof DataSource ? executor : executor.connection;
  const runner = executor instanceof DataSource ? undefined : executor.queryRunner;
  if (!PREPARED.has(dataSource) || runner?.isReleased) return queryRows<T>(executor, stmt.text, params);
  // Outside a transaction: a pooled connection for this statement only, as DataSource.query does.
  const own = runner ? undefined : dataSource.createQueryRunner();
  try {
    const client = (await (runner ?? own!).connect()) as PgClient;
    const result = await client.query({ name: stmt.name, text: stmt.text, values: params });
    return result.rows as T[];
  } catch (error) {
    throw error instanceof QueryFailedError ? error : new QueryFailedError(stmt.text, params, error as Error);
  } finally {
    await own?.release();
  }
}

/** preparedRows for statements that always return a row. */
export async function preparedOne<T>(executor: EntityManager | DataSource, stmt: Statement, params: unknown[]): Promise<T> {
  const [row] = await preparedRows<T>(executor, stmt, params);
  if (row === undefined) throw new Error(`expected a row from statement ${stmt.name}`);
  return row;
}

/**
 * The rows a sleeping loop waits for, each as the earliest due time and the condition its
 * partial index answers: pending fulfillment jobs and webhook deliveries (`next_run_at`), and
 * claimable orders with a deadline (`expires_at`, the expiry sweep).
 */
const DUE_ROWS = {
  'fulfillment.jobs': `min(next_run_at) AS due FROM fulfillment.jobs WHERE state = 'pending'`,
  'fulfillment.webhook_deliveries': `min(next_run_at) AS due FROM fulfillment.webhook_deliveries WHERE state = 'pending'`,
  'catalog.orders': `min(expires_at) AS due FROM catalog.orders WHERE state = 'pending_claim' AND expires_at IS NOT NULL`,
} as const;

/**
 * Milliseconds until the earliest due row of `rows` (see DUE_ROWS), measured by the database's
 * clock like the claims that take them; null when there is none.
 */
export async function nextDueInMs(executor: EntityManager | DataSource, rows: keyof typeof DUE_ROWS): Promise<number | null> {
  const row = await queryOne<{ ms: number | null }>(executor, `SELECT (EXTRACT(EPOCH FROM due - now()) * 1000)::float8 AS ms FROM (SELECT ${DUE_ROWS[rows]}) AS earliest`);
  return row.ms;
}
