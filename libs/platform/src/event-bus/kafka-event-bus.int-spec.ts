import { KafkaJSNonRetriableError } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { BusMessage } from './event-bus';
import { KafkaEventBus } from './kafka-event-bus';

const BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
/** Group joins take seconds on a loaded machine. */
const TIMEOUT_MS = 60_000;

function bus(topic: string, partitions: number): KafkaEventBus {
  return new KafkaEventBus({
    clientId: 'kafka-bus-int',
    brokers: BROKERS,
    produceMaxBytes: 512 * 1024,
    topics: [{ topic, partitions, replicationFactor: 1, minInsyncReplicas: 1, maxMessageBytes: 1024 * 1024 }],
  });
}

/** Retries `check` until it passes or `timeoutMs` is up (the testing lib depends on this one, so it is not used here). */
async function until(check: () => void, timeoutMs = TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const message = (topic: string, key: string): BusMessage => ({ topic, key, value: key, headers: {} });

// The consumer side of the Kafka bus on the real broker.
describe('KafkaEventBus consumers (real broker)', () => {
  const open: KafkaEventBus[] = [];
  afterAll(async () => {
    await Promise.all(open.map((b) => b.close()));
  });

  it('hands the batches of several partitions to the handler together, each partition in order', async () => {
    const topic = `int.kafka-bus.${randomUUID()}`;
    const producer = bus(topic, 6);
    const consumer = bus(topic, 6);
    open.push(producer, consumer);
    // Published before the group joins: the first fetch holds every partition's batch.
    const keys = Array.from({ length: 60 }, (_, i) => `order-${i % 12}`);
    await producer.publish(keys.map((key, i) => ({ ...message(topic, key), value: `${key}#${i}` })));
    const calls: BusMessage[][] = [];
    await consumer.subscribe(topic, `int-kafka-bus-${randomUUID()}`, async (messages) => void calls.push(messages));

    await until(() => expect(calls.flat()).toHaveLength(60));
    expect(calls.length).toBeLessThan(6); // fewer calls than partitions: batches were merged
    for (const key of new Set(keys)) {
      const seen = calls.flat().filter((m) => m.key === key).map((m) => Number(m.value.split('#')[1]));
      expect(seen).toEqual([...seen].sort((a, b) => a - b)); // one key's events in publish order
    }
  }, TIMEOUT_MS);

  it('replaces a consumer that kafkajs stopped for good, and the stream goes on', async () => {
    const topic = `int.kafka-bus.${randomUUID()}`;
    const producer = bus(topic, 1);
    const consumer = bus(topic, 1);
    open.push(producer, consumer);
    const handled: string[] = [];
    let failures = 0;
    await consumer.subscribe(topic, `int-kafka-bus-${randomUUID()}`, async (messages) => {
      // A non-retriable error is one kafkajs never restarts a consumer after.
      if (failures++ === 0) throw new KafkaJSNonRetriableError('the handler refuses its first batch for good');
      handled.push(...messages.map((m) => m.key));
    });
    await producer.publish([message(topic, 'first')]);
    await until(() => expect(handled).toEqual(['first']));
    await producer.publish([message(topic, 'second')]);
    await until(() => expect(handled).toEqual(['first', 'second']));
    expect(failures).toBe(3);
  }, TIMEOUT_MS * 2);
});
