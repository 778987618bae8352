import { ErrorCode } from '@phoenix/contracts';
import { CATALOG_STORE, Database, runMigrations } from '@phoenix/persistence';
import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { randomUUID } from 'node:crypto';
import type { CatalogConfig } from '../config';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { OutboxWriter } from '../outbox/outbox.writer';
import { RewardRepository } from '../rewards/reward.repository';
import { WalletRepository } from '../wallets/wallet.repository';
import { FulfillmentCommands } from './fulfillment-commands.use-cases';
import { GrantUseCase } from './grant.use-case';
import { OrderChangeUseCases } from './order-changes.use-cases';
import { OrderTransitions } from './order-transitions';
import { OrderRepository } from './order.repository';

/** Claims race the expiry sweep; here no sweeper runs, so the claim meets the expired order first. */
describe('claims of orders past their expiry (real Postgres)', () => {
  const tenantId = 'claims';
  let database: TestDatabase;
  let db: Database;
  let rewards: RewardRepository;
  let orders: OrderRepository;
  let grants: GrantUseCase;
  let changes: OrderChangeUseCases;
  let commands: FulfillmentCommands;
  let rewardId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 4, applicationName: 'int' });
    await runMigrations(db, CATALOG_STORE);
    await db.query(`INSERT INTO catalog.tenants (id, name, api_key_hash, jwt_secret, hmac_secret, webhook_secret)
                            VALUES ($1, 'Claims', repeat('a', 64), 'j', 'h', 'w')`, [tenantId]);
    rewards = new RewardRepository(db);
    orders = new OrderRepository(db);
    const outbox = new OutboxWriter();
    const idempotency = new IdempotencyService(db, { IDEMPOTENCY_RETENTION_HOURS: 24 } as CatalogConfig);
    grants = new GrantUseCase(idempotency, rewards, orders, outbox);
    const transitions = new OrderTransitions(db, orders, outbox, rewards);
    const wallets = new WalletRepository(db, { WALLET_CACHE: false });
    changes = new OrderChangeUseCases(transitions, rewards, wallets);
    commands = new FulfillmentCommands(db, transitions, wallets);
    rewardId = randomUUID();
    await rewards.insert({
      id: rewardId,
      tenantId,
      slug: 'hoodie',
      name: 'Hoodie',
      description: null,
      imageUrl: null,
      active: true,
      fields: [],
      fulfillment: { type: 'manual' },
      requiresClaim: true,
      purchase: null,
      stock: 5,
      config: {},
    });
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const grantExpiringInAMinute = async (userId: string) =>
    (
      await grants.execute(tenantId, {
        user_id: userId,
        reward_id: rewardId,
        source_type: 'leaderboard',
        source_ref: randomUUID(),
        expires_at: new Date(Date.now() + 60_000).toISOString(),
      })
    ).order;
  const grantDue = async (userId: string) => {
    const order = await grantExpiringInAMinute(userId);
    // Its expiry passes; the sweep has not come by yet.
    await db.query(`UPDATE catalog.orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [order.id]);
    return order;
  };
  const stock = async () => (await rewards.findById(tenantId, rewardId))?.stock;
  const claim = (orderId: string, userId: string) => changes.claim({ tenant_id: tenantId, order_id: orderId, body: { user_id: userId, fields: {} } });

  it('refuses the claim with 409 and expires the order itself: stock back, order.expired written', async () => {
    const order = await grantDue('late');
    expect(await stock()).toBe(4);
    await expect(claim(order.id, 'late')).rejects.toMatchObject({ code: ErrorCode.Conflict, message: expect.stringMatching(/^Order expired at .+; it can no longer be claimed$/) });
    const expired = await orders.find(tenantId, order.id);
    expect(expired).toMatchObject({ state: 'expired', status: { state: 'expired', expired_at: expect.any(String) }, version: 2 });
    expect(await stock()).toBe(5);
    const events = (await db.query(`SELECT event_type FROM catalog.outbox WHERE aggregate_id = $1 ORDER BY id`, [order.id])) as Array<{ event_type: string }>;
    expect(events.map((e) => e.event_type)).toEqual(['order.created', 'order.expired']);
    // Claimed again, it is an expired order like any other: nothing changes a second time.
    await expect(claim(order.id, 'late')).rejects.toMatchObject({
      code: ErrorCode.OrderActionNotAllowed,
      message: 'Cannot claim an order in state "expired": claim is allowed from "pending_claim" only',
    });
    expect(await stock()).toBe(5);
  });

  it('still answers another user’s claim with 403 and leaves the order alone', async () => {
    const order = await grantDue('owner');
    await expect(claim(order.id, 'thief')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    expect((await orders.find(tenantId, order.id))?.state).toBe('pending_claim');
  });

  it('the expiry sweep expires what is due and tells when the next claimable order expires (none: null)', async () => {
    const later = await grantExpiringInAMinute('patient');
    const due = await grantDue('sleepy');
    const swept = await commands.expireDue(500);
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect((await orders.find(tenantId, due.id))?.state).toBe('expired');
    expect((await orders.find(tenantId, later.id))?.state).toBe('pending_claim');
    // Every claimable order left was granted a minute ahead, `later` included.
    expect(swept.next_due_in_ms).toBeGreaterThan(0);
    expect(swept.next_due_in_ms).toBeLessThanOrEqual(60_000);
    await db.query(`UPDATE catalog.orders SET expires_at = NULL WHERE tenant_id = $1 AND state = 'pending_claim'`, [tenantId]);
    expect(await commands.expireDue(500)).toEqual({ expired: 0, next_due_in_ms: null });
  });

  it('claims an order whose expiry has not come', async () => {
    const order = await grantExpiringInAMinute('early');
    await expect(claim(order.id, 'early')).resolves.toMatchObject({ order: { id: order.id, status: { state: 'fulfilling' } } });
  });
});
