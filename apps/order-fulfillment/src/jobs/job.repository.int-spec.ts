import { Database, FULFILLMENT_STORE, runMigrations } from '@phoenix/persistence';
import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { randomUUID } from 'node:crypto';
import { JobRecord, JobRepository } from './job.repository';

describe('JobRepository leases (real Postgres)', () => {
  let database: TestDatabase;
  let db: Database;
  let jobs: JobRepository;

  const addJob = async () => {
    const orderId = randomUUID();
    await jobs.add({ tenantId: 't1', orderId, round: 1, kind: 'api', maxAttempts: 3, backoffSeconds: [1], payload: { order_id: orderId } });
    return orderId;
  };
  const row = async (orderId: string) =>
    (await db.query(`SELECT state, attempts, last_error, lease_token FROM fulfillment.jobs WHERE order_id = $1`, [orderId]))[0];
  const claimOrder = async (orderId: string, leaseMs: number): Promise<JobRecord> => {
    const job = await jobs.claimDue(leaseMs);
    expect(job?.order_id).toBe(orderId);
    return job!;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 10, applicationName: 'int' });
    await runMigrations(db, FULFILLMENT_STORE);
    jobs = new JobRepository(db);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('a worker whose lease ran out can no longer write the job; the next holder can', async () => {
    const orderId = await addJob();
    const stale = await claimOrder(orderId, 50);
    await new Promise((r) => setTimeout(r, 150));
    const holder = await claimOrder(orderId, 60_000);
    expect(holder.lease_token).not.toBe(stale.lease_token);

    expect(await jobs.holdsLease(stale, 60_000)).toBe(false);
    expect(await jobs.retryLater(stale, 1, 0, 'stale retry')).toBe(false);
    expect(await jobs.finish(stale, 'failed', 1, 'stale failure')).toBe(false);
    expect(await row(orderId)).toEqual({ state: 'pending', attempts: 0, last_error: null, lease_token: holder.lease_token });

    expect(await jobs.holdsLease(holder, 60_000)).toBe(true);
    expect(await jobs.finish(holder, 'done', 1, null)).toBe(true);
    expect(await row(orderId)).toEqual({ state: 'done', attempts: 1, last_error: null, lease_token: null });
    // A finished job is no one's: not even its last holder writes it again.
    expect(await jobs.finish(holder, 'failed', 2, 'again')).toBe(false);
  });

  it('a retry ends the lease: the job is due again under a new token, with its attempts kept', async () => {
    const orderId = await addJob();
    const first = await claimOrder(orderId, 60_000);
    expect(await jobs.retryLater(first, 1, 0, 'HTTP 503')).toBe(true);
    expect(await jobs.holdsLease(first, 60_000)).toBe(false);
    const second = await claimOrder(orderId, 60_000);
    expect(second).toMatchObject({ attempts: 1, lease_token: expect.not.stringMatching(first.lease_token) });
    expect(await jobs.finish(first, 'done', 2, null)).toBe(false);
    expect(await jobs.finish(second, 'dropped', 1, 'refunded')).toBe(true);
    expect(await row(orderId)).toMatchObject({ state: 'dropped', attempts: 1 });
  });

  it('one due job is taken by exactly one of many concurrent claims', async () => {
    const orderId = await addJob();
    const claims = await Promise.all(Array.from({ length: 8 }, () => jobs.claimDue(60_000)));
    expect(claims.filter((job) => job?.order_id === orderId)).toHaveLength(1);
    expect(claims.filter((job) => job !== null)).toHaveLength(1);
  });
});
