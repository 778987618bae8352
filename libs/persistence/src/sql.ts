import { type Executor, queryOne } from './database';

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
export async function nextDueInMs(executor: Executor, rows: keyof typeof DUE_ROWS): Promise<number | null> {
  const row = await queryOne<{ ms: number | null }>(executor, `SELECT (EXTRACT(EPOCH FROM due - now()) * 1000)::float8 AS ms FROM (SELECT ${DUE_ROWS[rows]}) AS earliest`);
  return row.ms;
}
