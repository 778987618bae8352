import { Database, FULFILLMENT_STORE, runMigrations } from '@phoenix/persistence';
import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { randomUUID } from 'node:crypto';
import { WebhookEvent, WebhookRepository } from './webhook.repository';

describe('WebhookRepository.enqueueAll (real Postgres)', () => {
  let database: TestDatabase;
  let db: Database;
  let webhooks: WebhookRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 4, applicationName: 'int' });
    await runMigrations(db, FULFILLMENT_STORE);
    webhooks = new WebhookRepository(db);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('makes one delivery per subscribed enabled endpoint and event; a redelivered batch adds none', async () => {
    const subscribed = await webhooks.create('t1', 'https://a.example/hook', ['order.completed'], 'whsec', true);
    await webhooks.create('t1', 'https://b.example/hook', ['order.failed'], 'whsec', true);
    await webhooks.create('t1', 'https://c.example/hook', ['order.completed'], 'whsec', false);
    const event = (tenantId: string): WebhookEvent => ({ tenantId, eventId: randomUUID(), eventType: 'order.completed', payload: { ok: true } });
    const batch = [event('t1'), event('t1'), event('t2')];

    expect(await webhooks.enqueueAll(batch)).toBe(2);
    expect(await webhooks.enqueueAll(batch)).toBe(0);
    const rows = await db.query<{ endpoint_id: string }>(`SELECT endpoint_id, event_id FROM fulfillment.webhook_deliveries ORDER BY event_id`);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r: { endpoint_id: string }) => r.endpoint_id))).toEqual(new Set([subscribed.id]));
  });
});
