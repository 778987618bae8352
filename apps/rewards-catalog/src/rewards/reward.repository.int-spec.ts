import { CATALOG_STORE, Database, type RewardRow, runMigrations } from '@phoenix/persistence';
import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { randomUUID } from 'node:crypto';
import { isDuplicateSlug, RewardRepository } from './reward.repository';

describe('RewardRepository (real Postgres)', () => {
  const tenantId = 'rewards-repo';
  let database: TestDatabase;
  let db: Database;
  let rewards: RewardRepository;

  const reward = (slug: string, overrides: Partial<RewardRow> = {}): Omit<RewardRow, 'createdAt' | 'updatedAt'> => ({
    id: randomUUID(),
    tenantId,
    slug,
    name: `Reward ${slug}`,
    description: null,
    imageUrl: null,
    active: true,
    fields: [],
    fulfillment: { type: 'manual' },
    requiresClaim: false,
    purchase: { prices: [{ currency: 'gold', amount: 10 }] },
    stock: 10,
    config: {},
    ...overrides,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 4, applicationName: 'int' });
    await runMigrations(db, CATALOG_STORE);
    await db.query(`INSERT INTO catalog.tenants (id, name, api_key_hash, jwt_secret, hmac_secret, webhook_secret) VALUES ($1, 'R', repeat('b', 64), 'j', 'h', 'w')`, [tenantId]);
    rewards = new RewardRepository(db);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('inserts a reward and reads it back whole, by id and by slug; unknown ones are null', async () => {
    const input = reward('whole', { description: 'd', fields: [{ name: 'size', type: 'text' }], purchase: null, stock: null, config: { a: 1 } });
    const saved = await rewards.insert(input);
    expect(saved).toEqual({ ...input, createdAt: expect.any(Date), updatedAt: expect.any(Date) });
    expect(await rewards.findById(tenantId, input.id)).toEqual(saved);
    expect(await rewards.findBySlug(tenantId, 'whole')).toEqual(saved);
    expect(await rewards.findById(tenantId, randomUUID())).toBeNull();
    expect(await rewards.findBySlug('other-tenant', 'whole')).toBeNull();
  });

  it('refuses a second reward with the same slug in a tenant, as a duplicate slug', async () => {
    await rewards.insert(reward('twice'));
    const error = await rewards.insert(reward('twice')).catch((e: unknown) => e);
    expect(isDuplicateSlug(error)).toBe(true);
  });

  it('updates only the columns it is given: stock taken meanwhile stays taken', async () => {
    const saved = await rewards.insert(reward('update'));
    await db.transaction((tx) => rewards.takeStock(tx, tenantId, saved.id));
    const updated = await rewards.update(tenantId, saved.id, { name: 'Renamed', purchase: null, config: { b: 2 } });
    expect(updated).toMatchObject({ name: 'Renamed', purchase: null, config: { b: 2 }, stock: 9, slug: 'update' });
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(saved.updatedAt.getTime());
    expect(await rewards.update(tenantId, randomUUID(), { active: false })).toBeNull();
  });

  it('lists a page in creation order with the total of the filter', async () => {
    const other = 'rewards-list';
    await db.query(`INSERT INTO catalog.tenants (id, name, api_key_hash, jwt_secret, hmac_secret, webhook_secret) VALUES ($1, 'L', repeat('c', 64), 'j', 'h', 'w')`, [other]);
    for (const [i, overrides] of [{}, { active: false }, { purchase: null }, {}].entries()) {
      await rewards.insert({ ...reward(`list-${i}`, overrides), tenantId: other });
    }
    const page = await rewards.list(other, { limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.rewards.map((r) => r.slug)).toEqual(['list-1', 'list-2']);
    expect((await rewards.list(other, { active: true, limit: 10, offset: 0 })).rewards.map((r) => r.slug)).toEqual(['list-0', 'list-2', 'list-3']);
    expect((await rewards.list(other, { purchasable: false, limit: 10, offset: 0 })).rewards.map((r) => r.slug)).toEqual(['list-2']);
    expect(await rewards.list(other, { active: false, purchasable: true, limit: 10, offset: 0 })).toMatchObject({ total: 1, rewards: [{ slug: 'list-1' }] });
  });
});
