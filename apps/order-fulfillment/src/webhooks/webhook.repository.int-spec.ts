import { SecretBox } from '@phoenix/auth';
import { Database, FULFILLMENT_STORE, runMigrations } from '@phoenix/persistence';
import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { WebhookEvent, WebhookRepository } from './webhook.repository';

describe('WebhookRepository.enqueueAll (real Postgres)', () => {
  let database: TestDatabase;
  let db: Database;
  let webhooks: WebhookRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 4, applicationName: 'int' });
    await runMigrations(db, FULFILLMENT_STORE);
    webhooks = new WebhookRepository(db, SecretBox.fromKeys(`int:${randomBytes(32).toString('base64')}`));
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

  it('stores endpoint secrets sealed (current and previous), reads them back opened to sign, and seals plaintext rows at start', async () => {
    await db.query('DELETE FROM fulfillment.webhook_deliveries');
    const endpoint = await webhooks.create('t3', 'https://d.example/hook', ['order.completed'], 'whsec_Zmlyc3Q=', true);
    await webhooks.rotateSecret('t3', endpoint.id, 'whsec_c2Vjb25k', 3_600);
    const [row] = await db.query<{ secret: string; previous_secret: string }>('SELECT secret, previous_secret FROM fulfillment.webhook_endpoints WHERE id = $1', [endpoint.id]);
    expect(row!.secret).toMatch(/^enc:v1:int:/);
    expect(row!.previous_secret).toMatch(/^enc:v1:int:/);
    expect(`${row!.secret} ${row!.previous_secret}`).not.toMatch(/Zmlyc3Q|c2Vjb25k/);

    await webhooks.enqueueAll([{ tenantId: 't3', eventId: randomUUID(), eventType: 'order.completed', payload: {} }]);
    const due = await webhooks.claimDue(60_000);
    expect({ endpoint: due?.endpoint_id, secret: due?.secret, previous: due?.previous_secret }).toEqual({ endpoint: endpoint.id, secret: 'whsec_c2Vjb25k', previous: 'whsec_Zmlyc3Q=' });

    // A row from before encryption: read as it is, then sealed once at start.
    await db.query(`UPDATE fulfillment.webhook_endpoints SET secret = 'whsec_cGxhaW4=', previous_secret = NULL WHERE id = $1`, [endpoint.id]);
    expect(await webhooks.resealSecrets()).toBe(1);
    expect(await webhooks.resealSecrets()).toBe(0);
    const [sealed] = await db.query<{ secret: string }>('SELECT secret FROM fulfillment.webhook_endpoints WHERE id = $1', [endpoint.id]);
    expect(sealed!.secret).toMatch(/^enc:v1:int:/);
  });
});
