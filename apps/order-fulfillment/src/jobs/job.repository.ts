import { Injectable } from '@nestjs/common';
import { Database, nextDueInMs, queryRows } from '@phoenix/persistence';
import { randomUUID } from 'node:crypto';

export interface JobRecord {
  id: string;
  tenant_id: string;
  order_id: string;
  round: number;
  kind: 'wallet' | 'api';
  attempts: number;
  max_attempts: number;
  backoff_seconds: number[];
  payload: Record<string, unknown>;
  /** This claim's token: the job's writes below succeed only while it is still the job's. */
  lease_token: string;
}

export type JobEnd = 'done' | 'failed' | 'dropped';

export interface NewJob {
  tenantId: string;
  orderId: string;
  round: number;
  kind: 'wallet' | 'api';
  maxAttempts: number;
  backoffSeconds: number[];
  payload: Record<string, unknown>;
}

@Injectable()
export class JobRepository {
  constructor(private readonly database: Database) {}

  /** One job per order and round: a redelivered event finds its job already there. */
  async add(job: NewJob): Promise<boolean> {
    return (await this.addAll([job])) === 1;
  }

  /** Adds jobs (a batch of consumed events) in one statement; one already there is left as it is. How many were new. */
  async addAll(jobs: NewJob[]): Promise<number> {
    if (jobs.length === 0) return 0;
    const rows = await queryRows(
      this.database,
      `INSERT INTO fulfillment.jobs (id, tenant_id, order_id, round, kind, max_attempts, backoff_seconds, payload, next_run_at)
       SELECT j.*, now() FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[])
         AS j(id, tenant_id, order_id, round, kind, max_attempts, backoff_seconds, payload)
       ON CONFLICT (order_id, round) DO NOTHING RETURNING 1`,
      [
        jobs.map(() => randomUUID()),
        jobs.map((j) => j.tenantId),
        jobs.map((j) => j.orderId),
        jobs.map((j) => j.round),
        jobs.map((j) => j.kind),
        jobs.map((j) => j.maxAttempts),
        jobs.map((j) => JSON.stringify(j.backoffSeconds)),
        jobs.map((j) => JSON.stringify(j.payload)),
      ],
    );
    return rows.length;
  }

  /**
   * Takes the most overdue job with a lease: its due time moves `leaseMs` ahead, so no other
   * worker or replica takes it meanwhile, and if this process dies mid-way the job is simply
   * due again when the lease ends. One short statement: nothing stays locked during the work.
   * A fresh lease token fences off the previous holder, should it still be running.
   */
  async claimDue(leaseMs: number): Promise<JobRecord | null> {
    const [job] = await queryRows<JobRecord>(
      this.database,
      `UPDATE fulfillment.jobs SET next_run_at = now() + make_interval(secs => $1), lease_token = $2, updated_at = now()
       WHERE id = (SELECT id FROM fulfillment.jobs WHERE state = 'pending' AND next_run_at <= now()
                   ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, tenant_id, order_id, round, kind, attempts, max_attempts, backoff_seconds, payload, lease_token`,
      [leaseMs / 1000, randomUUID()],
    );
    return job ?? null;
  }

  /**
   * Milliseconds until the next pending job is due (a retry's backoff, or the lease of a job
   * being run ending), by the database's clock like `claimDue`; null when none is pending.
   */
  async nextDueInMs(): Promise<number | null> {
    return nextDueInMs(this.database, 'fulfillment.jobs');
  }

  /**
   * Whether the worker still holds the job, renewing its lease if so: checked before a write
   * to rewards-catalog that a worker whose lease ran out must not make.
   */
  async holdsLease(job: JobRecord, leaseMs: number): Promise<boolean> {
    return this.whileLeased(job, `next_run_at = now() + make_interval(secs => $3)`, [leaseMs / 1000]);
  }

  /** Ends the job; false (and nothing written) when the lease is no longer this worker's. */
  async finish(job: JobRecord, state: JobEnd, attempts: number, error: string | null): Promise<boolean> {
    return this.whileLeased(job, `state = $3, attempts = $4, last_error = $5, lease_token = NULL`, [state, attempts, error]);
  }

  /** Makes the job due again after `delayMs`; false (and nothing written) when the lease is lost. */
  async retryLater(job: JobRecord, attempts: number, delayMs: number, error: string): Promise<boolean> {
    return this.whileLeased(job, `attempts = $3, last_error = $4, next_run_at = now() + make_interval(secs => $5), lease_token = NULL`, [
      attempts,
      error,
      delayMs / 1000,
    ]);
  }

  /** The fencing check: a write applies only to a pending job whose lease token is still the caller's. */
  private async whileLeased(job: JobRecord, assignments: string, params: unknown[]): Promise<boolean> {
    const rows = await queryRows(
      this.database,
      `UPDATE fulfillment.jobs SET ${assignments}, updated_at = now()
       WHERE id = $1 AND lease_token = $2 AND state = 'pending' RETURNING 1`,
      [job.id, job.lease_token, ...params],
    );
    return rows.length === 1;
  }
}
