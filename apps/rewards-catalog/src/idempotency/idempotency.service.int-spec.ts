import { AppError, ErrorCode } from '@phoenix/contracts';
import { CATALOG_STORE, Database, runMigrations } from '@phoenix/persistence';
import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import type { CatalogConfig } from '../config';
import { IdempotencyService } from './idempotency.service';

describe('IdempotencyService (real Postgres)', () => {
  let database: TestDatabase;
  let db: Database;
  let service: IdempotencyService;
  const scope = (key: string, fingerprint = 'f'.repeat(64)) => ({ tenantId: 't1', userId: 'u1', operation: 'test.op', key, fingerprint });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 10, applicationName: 'int', preparedStatements: true }); // as in distributed mode
    await runMigrations(db, CATALOG_STORE);
    service = new IdempotencyService(db, { IDEMPOTENCY_RETENTION_HOURS: 24 } as CatalogConfig);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('runs the work once for concurrent requests with one key; the others replay its result', async () => {
    let runs = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        service.run(scope('concurrent'), async (manager) => {
          runs += 1;
          await manager.query('SELECT pg_sleep(0.05)');
          return { value: 42 };
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(results.filter((r) => !r.wasCached)).toHaveLength(1);
    expect(results.map((r) => r.value)).toEqual(Array.from({ length: 10 }, () => ({ value: 42 })));
  });

  it('keeps nothing of failed work but remembers the failure', async () => {
    const fail = () =>
      service.run(scope('failing'), async (manager) => {
        await manager.query(`INSERT INTO catalog.tenants (id, name, api_key_hash, jwt_secret, hmac_secret, webhook_secret)
                             VALUES ('half-written', 'x', repeat('a', 64), 'j', 'h', 'w')`);
        throw new AppError(ErrorCode.InsufficientBalance, 'not enough');
      });
    await expect(fail()).rejects.toMatchObject({ code: ErrorCode.InsufficientBalance, wasCached: false });
    await expect(fail()).rejects.toMatchObject({ code: ErrorCode.InsufficientBalance, message: 'not enough', wasCached: true });
    expect(await db.query(`SELECT id FROM catalog.tenants WHERE id = 'half-written'`)).toEqual([]);
  });

  it('keeps its statements prepared on the connection', async () => {
    const prepared = await service.run(scope('prepared'), async (manager) => {
      const rows = (await manager.query('SELECT name FROM pg_prepared_statements')) as Array<{ name: string }>;
      return rows.map((r) => r.name);
    });
    expect(prepared.value).toContain('idempotency_claim');
  });

  it('runs a last step after the outcome is recorded; its failure undoes the work and is remembered', async () => {
    const order: string[] = [];
    const run = () =>
      service.run(scope('last-step'), async (manager, last) => {
        await manager.query(`INSERT INTO catalog.tenants (id, name, api_key_hash, jwt_secret, hmac_secret, webhook_secret)
                             VALUES ('last-step', 'x', repeat('b', 64), 'j', 'h', 'w')`);
        last(async () => {
          const [record] = (await manager.query(`SELECT outcome FROM catalog.idempotency_records WHERE key = 'last-step'`)) as Array<{ outcome: unknown }>;
          order.push(JSON.stringify(record?.outcome));
          throw new AppError(ErrorCode.OutOfStock, 'none left');
        });
        order.push('work');
        return 'bought';
      });
    await expect(run()).rejects.toMatchObject({ code: ErrorCode.OutOfStock, wasCached: false });
    expect(order).toEqual(['work', JSON.stringify({ ok: true, value: 'bought' })]);
    await expect(run()).rejects.toMatchObject({ code: ErrorCode.OutOfStock, wasCached: true });
    expect(order).toHaveLength(2); // the replay ran nothing
    expect(await db.query(`SELECT id FROM catalog.tenants WHERE id = 'last-step'`)).toEqual([]);
  });

  it('gives concurrent requests with one key whose work fails the one recorded failure', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        service.run(scope('concurrent-failure'), async (manager) => {
          await manager.query(`INSERT INTO catalog.tenants (id, name, api_key_hash, jwt_secret, hmac_secret, webhook_secret)
                               VALUES ('concurrent-failure-${i}', 'x', repeat('c', 64), 'j', 'h', 'w')`);
          await manager.query('SELECT pg_sleep(0.02)');
          throw new AppError(ErrorCode.InsufficientBalance, `not enough (${i})`);
        }),
      ),
    );
    const errors = results.map((r) => (r.status === 'rejected' ? (r.reason as AppError) : null));
    expect(errors.every((e) => e?.code === ErrorCode.InsufficientBalance)).toBe(true);
    // One request recorded its failure; every other answer is that failure, replayed.
    expect(errors.filter((e) => !e?.wasCached)).toHaveLength(1);
    expect(new Set(errors.map((e) => e?.message)).size).toBe(1);
    expect(await db.query(`SELECT id FROM catalog.tenants WHERE id LIKE 'concurrent-failure-%'`)).toEqual([]);
  });

  it('refuses a key reused with a different request', async () => {
    await service.run(scope('reused', 'a'.repeat(64)), async () => 1);
    await expect(service.run(scope('reused', 'b'.repeat(64)), async () => 2)).rejects.toMatchObject({ code: ErrorCode.IdempotencyMismatch });
  });

  it('rolls back everything, the key included, on an unexpected error', async () => {
    await expect(service.run(scope('boom'), async () => Promise.reject(new Error('bug')))).rejects.toThrow('bug');
    await expect(service.run(scope('boom'), async () => 'second try')).resolves.toEqual({ value: 'second try', wasCached: false });
  });

  it('forgets records past the retention period and keeps the rest', async () => {
    await service.run(scope('old'), async () => 'old');
    await db.query(`UPDATE catalog.idempotency_records SET created_at = now() - interval '25 hours' WHERE key = 'old'`);
    expect(await service.sweep()).toBe(1);
    const keys = (await db.query(`SELECT key FROM catalog.idempotency_records ORDER BY key`)) as Array<{ key: string }>;
    expect(keys.map((k) => k.key)).not.toContain('old');
    expect(keys.map((k) => k.key)).toContain('reused');
  });
});
