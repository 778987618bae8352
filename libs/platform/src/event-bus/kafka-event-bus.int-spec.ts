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
    let prepares = 0;
    await consumer.subscribe<BusMessage[]>(topic, `int-kafka-bus-${randomUUID()}`, {
      // A non-retriable error is one kafkajs never restarts a consumer after (a prepare step must not
      // throw; a store failure is the pipeline's to retry and never reaches kafkajs).
      prepare: (messages) => {
        if (prepares++ === 0) throw new KafkaJSNonRetriableError('the handler refuses its first batch for good');
        return messages;
      },
      store: async (parts) => void handled.push(...parts.flat().map((m) => m.key)),
    });
    await producer.publish([message(topic, 'first')]);
    await until(() => expect(handled).toEqual(['first']));
    await producer.publish([message(topic, 'second')]);
    await until(() => expect(handled).toEqual(['first', 'second']));
    expect(prepares).toBe(3);
  }, TIMEOUT_MS * 2);

  it('reads and prepares the next batches while a store call waits; the next call takes them all', async () => {
    const topic = `int.kafka-bus.${randomUUID()}`;
    const producer = bus(topic, 6);
    const consumer = bus(topic, 6);
    open.push(producer, consumer);
    const stored: BusMessage[][] = [];
    let preparedDuringFirstStore = 0;
    let firstStoreRunning = false;
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    await consumer.subscribe<BusMessage[]>(topic, `int-kafka-bus-${randomUUID()}`, {
      prepare: (messages) => {
        if (firstStoreRunning) preparedDuringFirstStore += messages.length;
        return messages;
      },
      store: async (parts) => {
        if (stored.length === 0) {
          firstStoreRunning = true;
          await firstHeld;
          firstStoreRunning = false;
        }
        stored.push(parts.flat());
      },
    });
    await producer.publish([message(topic, 'order-first')]);
    await until(() => expect(firstStoreRunning).toBe(true));
    // Published while the first store call waits: the consumer reads and prepares them meanwhile.
    const keys = Array.from({ length: 120 }, (_, i) => `order-${i % 12}`);
    await producer.publish(keys.map((key, i) => ({ ...message(topic, key), value: `${key}#${i}` })));
    await until(() => expect(preparedDuringFirstStore).toBe(120));
    releaseFirst();
    await until(() => expect(stored.flat()).toHaveLength(121));
    expect(stored).toHaveLength(2); // everything read during the first call went into the second
    for (const key of new Set(keys)) {
      const seen = stored.flat().filter((m) => m.key === key).map((m) => Number(m.value.split('#')[1]));
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
  }, TIMEOUT_MS);

  it('commits nothing a failed store call held: a member that takes over reads it all again, and after a success only what is new', async () => {
    const topic = `int.kafka-bus.${randomUUID()}`;
    const group = `int-kafka-bus-${randomUUID()}`;
    const producer = bus(topic, 3);
    open.push(producer);
    const keys = Array.from({ length: 90 }, (_, i) => `k${i}`);
    await producer.publish(keys.map((key) => message(topic, key)));

    // A member whose store always fails, read ahead or not: it is stopped after a few failures.
    const failing = bus(topic, 3);
    let failures = 0;
    await failing.subscribe(topic, group, async () => {
      failures += 1;
      throw new Error('ClickHouse is away');
    });
    await until(() => expect(failures).toBeGreaterThanOrEqual(3));
    await failing.close();

    // The next member of the group gets every message again, then stores them.
    const next = bus(topic, 3);
    const stored: string[] = [];
    await next.subscribe(topic, group, async (messages) => void stored.push(...messages.map((m) => m.key)));
    await until(() => expect(new Set(stored)).toEqual(new Set(keys)));
    await next.close();

    // Everything was committed once stored: the member after reads only what is published now.
    const last = bus(topic, 3);
    open.push(last);
    const later: string[] = [];
    await last.subscribe(topic, group, async (messages) => void later.push(...messages.map((m) => m.key)));
    await producer.publish([message(topic, 'new-1'), message(topic, 'new-2')]);
    await until(() => expect(later.sort()).toEqual(['new-1', 'new-2']));
  }, TIMEOUT_MS * 3);

  it('retries a failed store call and goes on: every message is stored, each partition in order', async () => {
    const topic = `int.kafka-bus.${randomUUID()}`;
    const producer = bus(topic, 6);
    const consumer = bus(topic, 6);
    open.push(producer, consumer);
    const stored: BusMessage[] = [];
    let calls = 0;
    await consumer.subscribe(topic, `int-kafka-bus-${randomUUID()}`, async (messages) => {
      calls += 1;
      if (calls === 2) throw new Error('the second call fails once');
      stored.push(...messages);
    });
    for (let round = 0; round < 4; round++) {
      await producer.publish(Array.from({ length: 30 }, (_, i) => ({ ...message(topic, `order-${i % 6}`), value: `order-${i % 6}#${round * 30 + i}` })));
    }
    const expected = Array.from({ length: 120 }, (_, i) => `order-${(i % 30) % 6}#${i}`);
    await until(() => expect(new Set(stored.map((m) => m.value))).toEqual(new Set(expected)));
    expect(calls).toBeGreaterThanOrEqual(3);
    for (let k = 0; k < 6; k++) {
      // What a partition stored after the failure starts again where its last success ended: no gap.
      const seen = [...new Set(stored.filter((m) => m.key === `order-${k}`).map((m) => Number(m.value.split('#')[1])))];
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
  }, TIMEOUT_MS);
});
