import { Injectable } from '@nestjs/common';
import { queryRows } from '@phoenix/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

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
}

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
  constructor(private readonly dataSource: DataSource) {}

  /** One job per order and round: a redelivered event finds its job already there. */
  async add(job: NewJob): Promise<boolean> {
    const rows = await queryRows(
      this.dataSource,
      `INSERT INTO fulfillment.jobs (id, tenant_id, order_id, round, kind, max_attempts, backoff_seconds, payload, next_run_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT (order_id, round) DO NOTHING RETURNING 1`,
      [randomUUID(), job.tenantId, job.orderId, job.round, job.kind, job.maxAttempts, JSON.stringify(job.backoffSeconds), JSON.stringify(job.payload)],
    );
    return rows.length === 1;
  }

  /**
   * Takes the most overdue job with a lease: its due time moves `leaseMs` ahead, so no other
   * worker or replica takes it meanwhile, and if this process dies mid-way the job is simply
   * due again when the lease ends. One short statement: nothing stays locked during the work.
   */
  async claimDue(leaseMs: number): Promise<JobRecord | null> {
    const [job] = await queryRows<JobRecord>(
      this.dataSource,
      `UPDATE fulfillment.jobs SET next_run_at = now() + make_interval(secs => $1), updated_at = now()
       WHERE id = (SELECT id FROM fulfillment.jobs WHERE state = 'pending' AND next_run_at <= now()
                   ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, tenant_id, order_id, round, kind, attempts, max_attempts, backoff_seconds, payload`,
      [leaseMs / 1000],
    );
    return job ?? null;
  }

  async finish(jobId: string, state: 'done' | 'failed', attempts: number, error: string | null): Promise<void> {
    await queryRows(this.dataSource, `UPDATE fulfillment.jobs SET state = $2, attempts = $3, last_error = $4, updated_at = now() WHERE id = $1 RETURNING 1`, [
      jobId,
      state,
      attempts,
      error,
    ]);
  }

  async retryLater(jobId: string, attempts: number, delayMs: number, error: string): Promise<void> {
    await queryRows(
      this.dataSource,
      `UPDATE fulfillment.jobs SET attempts = $2, last_error = $3, next_run_at = now() + make_interval(secs => $4), updated_at = now()
       WHERE id = $1 RETURNING 1`,
      [jobId, attempts, error, delayMs / 1000],
    );
  }
}
