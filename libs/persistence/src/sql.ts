import type { DataSource, EntityManager } from 'typeorm';

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

/**
 * Milliseconds until the earliest `next_run_at` of the pending rows of a work table (the
 * fulfillment jobs and webhook deliveries; their partial due indexes answer it), measured by
 * the database's clock like the claims that take them; null when none is pending.
 */
export async function nextDueInMs(executor: EntityManager | DataSource, table: 'fulfillment.jobs' | 'fulfillment.webhook_deliveries'): Promise<number | null> {
  const row = await queryOne<{ ms: number | null }>(
    executor,
    `SELECT (EXTRACT(EPOCH FROM min(next_run_at) - now()) * 1000)::float8 AS ms FROM ${table} WHERE state = 'pending'`,
  );
  return row.ms;
}
