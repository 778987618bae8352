import { join } from 'node:path';

/**
 * Rows of a query on the embedded ClickHouse of a grants-analytics that is not running (its
 * DATA_DIR): for what the API does not show, such as raw rows without FINAL. chDB binds one
 * data directory per process, so one test file can read only one.
 */
export async function chdbRows<T>(dataDir: string, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  // Loaded on first use: @phoenix/analytics imports `.sql` files, which only jest and webpack know how
  // to load, and the testing lib is also used by plain-node tools (the purchase benchmark).
  const { createClickHouse } = await import('@phoenix/analytics');
  const client = createClickHouse({ path: join(dataDir, 'chdb') });
  try {
    const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
    return await result.json<T>();
  } finally {
    await client.close();
  }
}
