import { spawn } from 'node:child_process';
import { CompressionTypes, Kafka, logLevel, Partitioners, type Message } from 'kafkajs';

/** The broker the stack uses too (startStack reads the same variable). */
export const BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);

/**
 * `npm run kafka:start` is idempotent: it returns at once when the broker is up, and only once
 * the broker answers a real request otherwise. Its last line says which case it was.
 */
export function startKafka(workspace: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'kafka:start'], { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const lines = output.trim().split('\n');
      if (code === 0) resolve(lines[lines.length - 1] ?? 'kafka started');
      else reject(new Error(`npm run kafka:start exited with ${code}:\n${lines.slice(-20).join('\n')}`));
    });
  });
}

/** As the services create the order events topic (ORDER_EVENTS_PARTITIONS default). */
export const SERVICE_PARTITIONS = 6;

export function kafkaClient(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: BROKERS, logLevel: logLevel.WARN });
}

/** The broker does not create topics on demand (auto.create.topics.enable=false). */
export async function createTopics(kafka: Kafka, topics: Array<{ topic: string; partitions: number }>): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((t) => ({ topic: t.topic, numPartitions: t.partitions, replicationFactor: 1 })),
    });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Publishes `count` messages built on the fly (never all in memory), acknowledged by all
 * in-sync replicas as the outbox relay publishes them. A few sends are kept in flight: one at a
 * time leaves the broker idle between round trips. Returns the seconds it took.
 */
export async function produce(kafka: Kafka, topic: string, count: number, messageAt: (index: number) => Message, chunk = 2_000, inFlight = 4): Promise<number> {
  // The default partitioner of kafkajs 2 (murmur2, as the Java client): stated to silence its notice.
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const started = performance.now();
  let next = 0;
  const sender = async () => {
    for (let from = next; from < count; from = next) {
      next += chunk;
      const messages = Array.from({ length: Math.min(chunk, count - from) }, (_, i) => messageAt(from + i));
      await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages });
    }
  };
  try {
    await Promise.all(Array.from({ length: inFlight }, sender));
  } finally {
    await producer.disconnect();
  }
  return (performance.now() - started) / 1000;
}

/** Benchmark topics hold hundreds of MB: they go at the end, with their consumer groups. */
export async function deleteTopicsAndGroups(kafka: Kafka, topics: string[], groups: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length) await admin.deleteTopics({ topics: present, timeout: 10_000 });
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
