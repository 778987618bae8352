import { Partitioners, type Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import type { Cleanup } from '../cleanup';
import { createTopics, deleteTopicsAndGroups, SERVICE_PARTITIONS } from './kafka';
import type { LagOptions } from './lag';
import { orderEvent, toMessage } from './order-events';
import { sleep } from './stats';

const WARMUP_MESSAGES = 5;

export type RoundTripOptions = Pick<LagOptions, 'orders' | 'rate' | 'visibleTimeoutMs'>;

export interface RoundTripResult {
  /** Start of the produce request until the bare consumer has the message, per message. */
  latency: number[];
  lost: number;
}

/**
 * P4's same-run baseline: the Kafka leg alone. The same `order.created` envelopes P4's grants
 * produce, at P4's rate, each sent on its own as the relay sends them (idempotent producer,
 * acks -1), read by a bare consumer with the fetch settings of the services' bus (wait up to
 * 100 ms for 64 KB) that does nothing with them. What P4 adds on top is the outbox (relay
 * polling, the Postgres update), the ingester's chDB insert and the grant-history read.
 */
export async function measureKafkaRoundTrip(kafka: Kafka, cleanup: Cleanup, options: RoundTripOptions): Promise<RoundTripResult> {
  const id = randomBytes(4).toString('hex');
  const topic = `bench.p4-baseline.${id}`;
  const group = `bench-p4-baseline-${id}`;
  cleanup.add(`delete topic ${topic}`, () => deleteTopicsAndGroups(kafka, [topic], [group]));
  await createTopics(kafka, [{ topic, partitions: SERVICE_PARTITIONS }]);

  const sentAt = new Map<string, number>();
  const latency = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: group, allowAutoTopicCreation: false, minBytes: 64 * 1024, maxWaitTimeInMs: 100 });
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  try {
    await Promise.all([consumer.connect(), producer.connect()]);
    await consumer.subscribe({ topic, fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString() ?? '';
        const sent = sentAt.get(key);
        if (sent !== undefined && !latency.has(key)) latency.set(key, performance.now() - sent);
      },
    });
    await joined;

    const shape = { tenantId: `bench_p4_baseline_${id}`, users: 50 };
    const send = async (index: number): Promise<string> => {
      const message = toMessage(orderEvent(index * 2, shape));
      const key = String(message.key);
      sentAt.set(key, performance.now());
      await producer.send({ topic, acks: -1, messages: [message] });
      return key;
    };
    const warmup = await Promise.all(Array.from({ length: WARMUP_MESSAGES }, (_, i) => send(options.orders + i)));
    await waitFor(() => warmup.every((key) => latency.has(key)), options.visibleTimeoutMs);

    const started = performance.now();
    const sends: Array<Promise<string>> = [];
    for (let i = 0; i < options.orders; i++) {
      await sleep(Math.max(0, started + (i * 1000) / options.rate - performance.now()));
      sends.push(send(i));
    }
    const keys = await Promise.all(sends);
    await waitFor(() => keys.every((key) => latency.has(key)), options.visibleTimeoutMs);
    const measured = keys.map((key) => latency.get(key)).filter((value): value is number => value !== undefined);
    return { latency: measured, lost: keys.length - measured.length };
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect()]);
  }
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!done() && performance.now() < until) await sleep(10);
}
