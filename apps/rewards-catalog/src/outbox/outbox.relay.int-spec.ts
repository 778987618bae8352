import { CATALOG_STORE, Database, runMigrations } from '@phoenix/persistence';
import { createEventBus, deadLetterTopic, EventBus, InProcessEventBus, Metrics } from '@phoenix/platform';
import { createTestDatabase, eventually, TestDatabase } from '@phoenix/testing';
import { ConfigResourceTypes, Kafka, logLevel, Producer, ProducerBatch, ProducerConfig } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { CatalogConfig, CatalogConfigSchema } from '../config';
import { OutboxRelay } from './outbox.relay';

const TEST_SECRETS_KEY = `int:${Buffer.alloc(32, 7).toString('base64')}`;
const BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const PRODUCE_MAX_BYTES = 256 * 1024;
/** Below what the big-event test publishes at once: a relay that did not split would be refused. */
const MAX_MESSAGE_BYTES = 512 * 1024;
/** Group joins and leaves take seconds on a loaded machine. */
const TIMEOUT_MS = 60_000;

interface Received {
  key: string;
  headers: Record<string, string>;
  eventId: string;
}

// The relay's Kafka path on the real broker: topics created from config, one produce request
// per byte budget, acks -1, key = order id and the event id in a header.
describe('OutboxRelay on Kafka (real Postgres and broker)', () => {
  const topic = `int.outbox-relay.${randomUUID()}`;
  const kafka = new Kafka({ clientId: 'outbox-relay-int', brokers: BROKERS, logLevel: logLevel.NOTHING });
  const producerConfigs: ProducerConfig[] = [];
  const sends: ProducerBatch[] = [];
  const received: Received[] = [];
  let database: TestDatabase;
  let db: Database;
  let config: CatalogConfig;
  let bus: EventBus;
  let relay: OutboxRelay;
  const consumer = kafka.consumer({ groupId: `int-outbox-relay-${randomUUID()}` });

  beforeAll(async () => {
    // Watches the real producer the bus creates: its config and every batch it sends.
    const producer = Kafka.prototype.producer;
    jest.spyOn(Kafka.prototype, 'producer').mockImplementation(function (this: Kafka, producerConfig?: ProducerConfig): Producer {
      producerConfigs.push(producerConfig ?? {});
      const real = producer.call(this, producerConfig);
      const sendBatch = real.sendBatch.bind(real);
      real.sendBatch = (batch) => {
        sends.push(batch);
        return sendBatch(batch);
      };
      return real;
    });
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 4, applicationName: 'int' });
    await runMigrations(db, CATALOG_STORE);
    config = CatalogConfigSchema.parse({
      DATABASE_URL: database.url,
      SECRETS_KEY: TEST_SECRETS_KEY,
      KAFKA_BROKERS: BROKERS.join(','),
      ORDER_EVENTS_TOPIC: topic,
      ORDER_EVENTS_PARTITIONS: '3',
      ORDER_EVENTS_DLQ_PARTITIONS: '2',
      KAFKA_PRODUCE_MAX_BYTES: String(PRODUCE_MAX_BYTES),
      KAFKA_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
    });
    const metrics = new Metrics();
    bus = createEventBus('rewards-catalog', config, metrics);
    relay = new OutboxRelay(db, bus, config, metrics);
  }, TIMEOUT_MS);

  afterAll(async () => {
    jest.restoreAllMocks();
    await consumer.disconnect();
    await bus?.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic)] }).catch(() => undefined);
    await admin.disconnect();
    await db?.close();
    await database?.drop();
  }, TIMEOUT_MS);

  async function writeOutbox(orderId: string, count: number, metadataBytes = 10): Promise<string[]> {
    const eventIds = Array.from({ length: count }, () => randomUUID());
    for (const eventId of eventIds) {
      const envelope = { event_id: eventId, event_type: 'order.created', data: { order_id: orderId, metadata: { note: 'x'.repeat(metadataBytes) } } };
      await db.query(
        `INSERT INTO catalog.outbox (event_id, tenant_id, aggregate_id, event_type, envelope) VALUES ($1, 't1', $2, 'order.created', $3)`,
        [eventId, orderId, JSON.stringify(envelope)],
      );
    }
    return eventIds;
  }

  const unpublished = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM catalog.outbox WHERE published_at IS NULL`))[0]!.n);

  it('creates both topics with the partitions, replication, min.insync.replicas and max.message.bytes of its config', async () => {
    await writeOutbox(randomUUID(), 1);
    expect(await relay.relayOnce()).toBe(1);

    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic, deadLetterTopic(topic)] });
      const shape = topics
        .map((t) => ({ name: t.name, partitions: t.partitions.length, replicas: t.partitions.map((p) => p.replicas.length) }))
        .sort((a, b) => a.name.localeCompare(b.name)); // the broker lists topics in no fixed order
      expect(shape).toEqual([
        { name: topic, partitions: 3, replicas: [1, 1, 1] },
        { name: deadLetterTopic(topic), partitions: 2, replicas: [1, 1] },
      ]);
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [topic, deadLetterTopic(topic)].map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['min.insync.replicas', 'max.message.bytes'] })),
      });
      expect(described.resources.map((r) => r.resourceName).sort()).toEqual([topic, deadLetterTopic(topic)]);
      for (const resource of described.resources) {
        const entries = Object.fromEntries(resource.configEntries.map((e) => [e.configName, { value: e.configValue, isDefault: e.isDefault }]));
        // Set on the topic, not inherited: min(2, replication factor 1) = 1.
        expect(entries).toEqual({ 'min.insync.replicas': { value: '1', isDefault: false }, 'max.message.bytes': { value: String(MAX_MESSAGE_BYTES), isDefault: false } });
      }
    } finally {
      await admin.disconnect();
    }
  }, TIMEOUT_MS);

  it('produces with acks -1 from an idempotent producer; key = order id, event id and type in headers', async () => {
    expect(producerConfigs).toEqual([expect.objectContaining({ idempotent: true, allowAutoTopicCreation: false })]);
    expect(sends.length).toBeGreaterThan(0);
    for (const send of sends) expect(send.acks).toBe(-1);

    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        received.push({ key: message.key?.toString() ?? '', headers, eventId: JSON.parse(message.value?.toString() ?? '{}').event_id });
      },
    });
    const orderId = randomUUID();
    const eventIds = await writeOutbox(orderId, 3);
    expect(await relay.relayOnce()).toBe(3);
    await eventually(async () => expect(received.filter((m) => m.key === orderId)).toHaveLength(3), 30_000);
    const mine = received.filter((m) => m.key === orderId);
    expect(mine.map((m) => m.headers['event-id'])).toEqual(eventIds);
    expect(mine.map((m) => m.eventId)).toEqual(eventIds);
    for (const message of mine) expect(message.headers).toMatchObject({ 'event-type': 'order.created', 'tenant-id': 't1' });
  }, TIMEOUT_MS);

  it('splits a batch of large events into produce requests under the byte budget, in order', async () => {
    // 12 events of ~100 KB for one order (one partition): 1.2 MB in one request would be refused.
    const orderId = randomUUID();
    const eventIds = await writeOutbox(orderId, 12, 100 * 1024);
    const before = sends.length;
    expect(await relay.relayOnce()).toBe(12);
    expect(await unpublished()).toBe(0);

    const requests = sends.slice(before);
    expect(requests.length).toBeGreaterThanOrEqual(5);
    for (const request of requests) {
      const bytes = request.topicMessages!.flatMap((t) => t.messages).reduce((sum, m) => sum + Buffer.byteLength(m.value as string), 0);
      expect(bytes).toBeLessThanOrEqual(PRODUCE_MAX_BYTES);
    }
    await eventually(async () => expect(received.filter((m) => m.key === orderId).map((m) => m.eventId)).toEqual(eventIds), 30_000);
  }, TIMEOUT_MS);
});

// The stop: whenever the shutdown comes, the relay's loop ends without sleeping out a pause.
describe('OutboxRelay shutdown (real Postgres)', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 2, applicationName: 'int' });
    await runMigrations(db, CATALOG_STORE);
  }, TIMEOUT_MS);

  afterAll(async () => {
    jest.restoreAllMocks();
    await db?.close();
    await database?.drop();
  });

  it('stops at once when the shutdown comes while an idle round gives its lease back (no safety-poll sleep after it)', async () => {
    // A minute-long safety poll: a relay that slept it out after the shutdown would hold the process.
    const config = CatalogConfigSchema.parse({ DATABASE_URL: database.url, SECRETS_KEY: TEST_SECRETS_KEY, OUTBOX_POLL_MS: '60000' });
    const relay = new OutboxRelay(db, new InProcessEventBus({ started: true }), config, new Metrics());
    let releasing!: () => void;
    const inRelease = new Promise<void>((resolve) => (releasing = resolve));
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const query = db.query.bind(db);
    jest.spyOn(db, 'query').mockImplementation(async (text: string, params?: unknown[]) => {
      if (/^DELETE FROM catalog\.leases/.test(text)) {
        releasing();
        await gate;
      }
      return query(text, params);
    });

    relay.onApplicationBootstrap();
    await inRelease;
    const started = Date.now();
    const stopped = relay.onApplicationShutdown();
    letGo();
    await stopped;
    expect(Date.now() - started).toBeLessThan(5_000);
  }, TIMEOUT_MS);
});
