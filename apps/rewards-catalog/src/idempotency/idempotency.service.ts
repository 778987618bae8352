import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppError, ErrorCode, RpcErrorPayload } from '@phoenix/contracts';
import { Database, preparedRows, queryRows, statement, Transaction } from '@phoenix/persistence';
import { CATALOG_CONFIG, CatalogConfig } from '../config';

export interface IdempotencyScope {
  tenantId: string;
  userId: string;
  /** The kind of request, e.g. `wallet.transaction`: keys are scoped to it. */
  operation: string;
  key: string;
  /** requestFingerprint() of the request: a reused key with another fingerprint is a 409. */
  fingerprint: string;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: RpcErrorPayload };

export interface IdempotentResult<T> {
  value: T;
  wasCached: boolean;
}

/**
 * Work run under an idempotency key. `last` registers a step that runs after the outcome is
 * recorded, just before the commit: the place for the statement that locks a hot row (a
 * reward's stock), so that lock is held as briefly as possible. A step may still fail.
 */
export type IdempotentWork<T> = (tx: Transaction, last: (step: () => Promise<unknown>) => void) => Promise<T>;

export const CLAIM = statement(
  'idempotency_claim',
  `INSERT INTO catalog.idempotency_records (tenant_id, user_id, operation, key, fingerprint, outcome)
   VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1`,
);
export const RECORD = statement(
  'idempotency_record',
  `UPDATE catalog.idempotency_records SET outcome = $5 WHERE tenant_id = $1 AND user_id = $2 AND operation = $3 AND key = $4`,
);
export const PENDING = '{"pending":true}';

/** An expected failure of the work (an AppError), carried out of its rolled-back transaction. */
class WorkFailed {
  constructor(readonly error: AppError) {}
}

/**
 * Runs a write exactly once per idempotency key, in one transaction with the key's record.
 * The record is inserted first: a concurrent request with the same key waits on it and then
 * replays the outcome.
 *
 * Expected failures (AppError) are remembered and replayed too (marked `wasCached`). The
 * failed work's transaction is rolled back whole, claim included, and the failure is then
 * recorded in a transaction of its own; if another request has taken the key in between (it
 * was waiting on the claim), its outcome is the key's and is the answer. This keeps a
 * savepoint and its round trip off every successful write.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly database: Database,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
  ) {}

  async run<T>(scope: IdempotencyScope, work: IdempotentWork<T>): Promise<IdempotentResult<T>> {
    const ids = [scope.tenantId, scope.userId, scope.operation, scope.key];
    let outcome: { outcome: Outcome<T>; cached: boolean };
    try {
      outcome = await this.database.transaction(async (tx) => {
        const claimed = await preparedRows(tx, CLAIM, [...ids, scope.fingerprint, PENDING]);
        if (claimed.length === 0) return this.recorded<T>(tx, scope, ids);
        const steps: Array<() => Promise<unknown>> = [];
        let value: T;
        try {
          value = await work(tx, (step) => steps.push(step));
          await preparedRows(tx, RECORD, [...ids, JSON.stringify({ ok: true, value })]);
          for (const step of steps) await step();
        } catch (error) {
          throw error instanceof AppError ? new WorkFailed(error) : error;
        }
        return { outcome: { ok: true, value }, cached: false };
      });
    } catch (error) {
      if (!(error instanceof WorkFailed)) throw error;
      outcome = await this.recordFailure<T>(scope, ids, error.error);
    }
    if (!outcome.outcome.ok) {
      // A replayed error says so, like a replayed result (SPEC §5): `was_cached` on the error.
      throw AppError.fromPayload(outcome.cached ? { ...outcome.outcome.error, was_cached: true } : outcome.outcome.error);
    }
    return { value: outcome.outcome.value, wasCached: outcome.cached };
  }

  /** Records a failed work's error as the key's outcome, unless another request took the key meanwhile. */
  private recordFailure<T>(scope: IdempotencyScope, ids: string[], error: AppError): Promise<{ outcome: Outcome<T>; cached: boolean }> {
    const failed: Outcome<T> = { ok: false, error: error.toPayload() };
    return this.database.transaction(async (tx) => {
      const claimed = await preparedRows(tx, CLAIM, [...ids, scope.fingerprint, JSON.stringify(failed)]);
      if (claimed.length === 0) return this.recorded<T>(tx, scope, ids);
      return { outcome: failed, cached: false };
    });
  }

  /** The outcome another request recorded for the key (it has committed: the claim waited for it). */
  private async recorded<T>(tx: Transaction, scope: IdempotencyScope, ids: string[]): Promise<{ outcome: Outcome<T>; cached: boolean }> {
    const [row] = await queryRows<{ fingerprint: string; outcome: Outcome<T> }>(
      tx,
      `SELECT fingerprint, outcome FROM catalog.idempotency_records
       WHERE tenant_id = $1 AND user_id = $2 AND operation = $3 AND key = $4`,
      ids,
    );
    if (!row) throw new Error('idempotency record vanished between insert and read');
    if (row.fingerprint !== scope.fingerprint) {
      throw new AppError(ErrorCode.IdempotencyMismatch, 'Idempotency key was already used with a different request');
    }
    return { outcome: row.outcome, cached: true };
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(), 60 * 60 * 1000);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  /** Forgets records past the retention period, a bounded batch at a time. */
  async sweep(): Promise<number> {
    try {
      const deleted = await queryRows(
        this.database,
        `DELETE FROM catalog.idempotency_records WHERE ctid IN (
           SELECT ctid FROM catalog.idempotency_records
           WHERE created_at < now() - make_interval(hours => $1) LIMIT 10000)
         RETURNING 1`,
        [this.config.IDEMPOTENCY_RETENTION_HOURS],
      );
      return deleted.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'Idempotency sweep failed; will retry');
      return 0;
    }
  }
}
