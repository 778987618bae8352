import { AppError, ErrorCode } from '@phoenix/contracts';
import { CATALOG_STORE, dataSourceOptions, runMigrations } from '@phoenix/persistence';
import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { DataSource } from 'typeorm';
import type { CatalogConfig } from '../config';
import { IdempotencyService } from './idempotency.service';

describe('IdempotencyService (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let service: IdempotencyService;
  const scope = (key: string, fingerprint = 'f'.repeat(64)) => ({ tenantId: 't1', userId: 'u1', operation: 'test.op', key, fingerprint });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(CATALOG_STORE, { url: database.url, poolSize: 10, applicationName: 'int' })).initialize();
    await runMigrations(dataSource, CATALOG_STORE.schema);
    service = new IdempotencyService(dataSource, { IDEMPOTENCY_RETENTION_HOURS: 24 } as CatalogConfig);
  });

  afterAll(async () => {
    await dataSource?.destroy();
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
    expect(await dataSource.query(`SELECT id FROM catalog.tenants WHERE id = 'half-written'`)).toEqual([]);
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
    await dataSource.query(`UPDATE catalog.idempotency_records SET created_at = now() - interval '25 hours' WHERE key = 'old'`);
    expect(await service.sweep()).toBe(1);
    const keys = (await dataSource.query(`SELECT key FROM catalog.idempotency_records ORDER BY key`)) as Array<{ key: string }>;
    expect(keys.map((k) => k.key)).not.toContain('old');
    expect(keys.map((k) => k.key)).toContain('reused');
  });
});
