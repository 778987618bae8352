import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppError, ErrorCode, RpcErrorPayload } from '@phoenix/contracts';
import { queryRows } from '@phoenix/persistence';
import { DataSource, EntityManager } from 'typeorm';
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
 * Runs a write exactly once per idempotency key, in one transaction with the key's record.
 * The record is inserted first: a concurrent request with the same key waits on it and then
 * replays the outcome. Expected failures (AppError) are remembered and replayed too (marked
 * `wasCached`); the failed work itself is rolled back to a savepoint, so nothing of it is kept.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
  ) {}

  async run<T>(scope: IdempotencyScope, work: (manager: EntityManager) => Promise<T>): Promise<IdempotentResult<T>> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<{ outcome: Outcome<T>; cached: boolean }> => {
      const ids = [scope.tenantId, scope.userId, scope.operation, scope.key];
      const inserted = await queryRows(
        manager,
        `INSERT INTO catalog.idempotency_records (tenant_id, user_id, operation, key, fingerprint, outcome)
         VALUES ($1, $2, $3, $4, $5, '{"pending":true}') ON CONFLICT DO NOTHING RETURNING 1`,
        [...ids, scope.fingerprint],
      );
      if (inserted.length === 0) {
        const [row] = await queryRows<{ fingerprint: string; outcome: Outcome<T> }>(
          manager,
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
      await manager.query('SAVEPOINT idempotent_work');
      let result: Outcome<T>;
      try {
        result = { ok: true, value: await work(manager) };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await manager.query('ROLLBACK TO SAVEPOINT idempotent_work');
        result = { ok: false, error: error.toPayload() };
      }
      await manager.query(
        `UPDATE catalog.idempotency_records SET outcome = $5
         WHERE tenant_id = $1 AND user_id = $2 AND operation = $3 AND key = $4`,
        [...ids, JSON.stringify(result)],
      );
      return { outcome: result, cached: false };
    });
    if (!outcome.outcome.ok) {
      // A replayed error says so, like a replayed result (SPEC §5): `was_cached` on the error.
      throw AppError.fromPayload(outcome.cached ? { ...outcome.outcome.error, was_cached: true } : outcome.outcome.error);
    }
    return { value: outcome.outcome.value, wasCached: outcome.cached };
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
        this.dataSource,
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
