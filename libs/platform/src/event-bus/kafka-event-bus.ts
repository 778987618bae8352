import { Logger } from '@nestjs/common';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { ConsumerPipeline } from './consumer-pipeline';
import { BusMessage, BusSubscriber, EventBus, staged } from './event-bus';
import { stopKafkajsIdleTimerLoop } from './kafkajs-idle-timer';
import { splitByBytes } from './produce-chunks';

/**
 * kafkajs, loaded when the first Kafka bus is made: a standalone on the in-process bus never
 * loads it (about 4 % of the main thread's CPU of its restart, P7).
 */
function kafkajs(): typeof import('kafkajs') {
  return require('kafkajs') as typeof import('kafkajs');
}

/** A member silent this long leaves its group. */
const SESSION_TIMEOUT_MS = 10_000;

export interface KafkaOptions {
  clientId: string;
  brokers: string[];
  /** Topics this client needs, created when missing with these settings. */
  topics: KafkaTopicSettings[];
  /** Byte budget of one produce request; a larger publish is sent in several. */
  produceMaxBytes: number;
  /** How long the broker holds a consumer's fetch while there is nothing to read (see startConsumer); default 5 s. */
  fetchMaxWaitMs?: number;
  /** Bytes of fetched messages a subscription may hold while its handler stores earlier ones (see ConsumerPipeline). */
  consumerQueueBytes?: number;
}

/** The default of `consumerQueueBytes`: large ClickHouse inserts under load, bounded memory. */
export const CONSUMER_QUEUE_BYTES = 16 * 1024 * 1024;

export interface KafkaTopicSettings {
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** With acks -1, a write fails unless at least this many replicas have it. */
  minInsyncReplicas: number;
  /** The largest record batch the topic accepts (`max.message.bytes`). */
  maxMessageBytes: number;
}

/**
 * The bus in distributed mode. Publishing waits for all in-sync replicas (acks -1; the topics'
 * `min.insync.replicas` says how many that must be), so a message counts as sent only once the
 * cluster has it. A publish goes out in sends of at most `produceMaxBytes`, one after the
 * other, so the order within a key holds. Consumers commit offsets only after
 * their handler succeeded: a crash redelivers, handlers are idempotent.
 */
export class KafkaEventBus implements EventBus {
  private readonly logger = new Logger('KafkaEventBus');
  private readonly kafka: Kafka;
  /** kafkajs' code for no compression (its enum, read once with the library). */
  private readonly noCompression: number;
  private producer?: Producer;
  private readonly consumers: Consumer[] = [];
  private readonly pipelines: ConsumerPipeline[] = [];
  /** The group and topic of each subscription, for the consumer lag metric. */
  readonly subscriptions: Array<{ group: string; topic: string }> = [];
  private topicsReady?: Promise<void>;
  /** Pending replacements of consumers that kafkajs stopped for good, and whether close() began. */
  private readonly restarts = new Set<NodeJS.Timeout>();
  private closing = false;

  constructor(private readonly options: KafkaOptions) {
    stopKafkajsIdleTimerLoop();
    const { Kafka, logLevel, CompressionTypes } = kafkajs();
    this.noCompression = CompressionTypes.None;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      retry: { initialRetryTime: 200, retries: 8 },
      logCreator: () => (entry) => this.logger.warn(`${entry.namespace}: ${entry.log.message}`),
    });
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics();
    this.producer ??= await this.connectProducer();
    for (const chunk of splitByBytes(messages, this.options.produceMaxBytes)) await this.send(this.producer, chunk);
  }

  private async send(producer: Producer, messages: BusMessage[]): Promise<void> {
    const byTopic = new Map<string, BusMessage[]>();
    for (const message of messages) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
    await producer.sendBatch({
      acks: -1,
      compression: this.noCompression,
      topicMessages: [...byTopic].map(([topic, batch]) => ({
        topic,
        messages: batch.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async subscribe<Prepared>(topic: string, group: string, handler: BusSubscriber<Prepared>): Promise<void> {
    await this.ensureTopics();
    this.subscriptions.push({ group, topic });
    // The consumer fetches on while the handler stores what came before, and each store call takes
    // every batch that arrived meanwhile (ConsumerPipeline: calls never overlap, each partition
    // stays in order, offsets are committed only after the call that held them succeeded).
    const pipeline = new ConsumerPipeline(staged(handler), {
      maxQueuedBytes: this.options.consumerQueueBytes ?? CONSUMER_QUEUE_BYTES,
      retryDelayMs: 200,
      maxRetryDelayMs: 10_000,
      onStoreError: (error, retryInMs) => this.logger.warn(`The ${group} handler failed (${errorMessage(error)}): it gets the same messages again in ${retryInMs} ms`),
      onCommitError: (error) => this.logger.warn(`The ${group} consumer could not commit (${errorMessage(error)}): those messages will be read again`),
    });
    this.pipelines.push(pipeline);
    await this.startConsumer(topic, group, pipeline, 0);
  }

  private async startConsumer(topic: string, group: string, pipeline: ConsumerPipeline, crashes: number): Promise<void> {
    // A crashed member is noticed after 10 s (kafkajs defaults to 30), so its partitions move on quickly.
    // A fetch returns as soon as there is one message (minBytes 1) and otherwise waits on the broker
    // for fetchMaxWaitMs: an idle consumer sleeps instead of asking ten times a second, and delivery
    // is not delayed. Under load batches still form: a store call takes all that was fetched while
    // the previous one ran. kafkajs heartbeats between fetches, and a batch waiting for room in the
    // pipeline heartbeats every second, so the wait stays well below the session timeout
    // (KAFKA_FETCH_MAX_WAIT_MS is at most half of it).
    const consumer = this.kafka.consumer({
      groupId: group,
      allowAutoTopicCreation: false,
      sessionTimeout: SESSION_TIMEOUT_MS,
      heartbeatInterval: 1_000,
      minBytes: 1,
      maxWaitTimeInMs: this.options.fetchMaxWaitMs ?? SESSION_TIMEOUT_MS / 2,
    });
    // kafkajs restarts a consumer after a retriable failure only: after any other (e.g. "Failed to
    // find group coordinator" while a broker comes back) it stays stopped for good. A new consumer
    // takes its place after a backoff, so the stream never silently ends.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.closing) return;
      const index = this.consumers.indexOf(consumer);
      if (index >= 0) this.consumers.splice(index, 1);
      this.restartLater(topic, group, pipeline, crashes, payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    this.consumers.push(consumer);
    pipeline.attach({ commit: (offsets) => consumer.commitOffsets(offsets) });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.partitionsOf(topic),
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        const messages: BusMessage[] = batch.messages.map((m) => ({
          topic: batch.topic,
          key: m.key?.toString() ?? '',
          value: m.value?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v ?? '')])),
        }));
        const fetched = { topic: batch.topic, partition: batch.partition, lastOffset: batch.lastOffset(), messages };
        // Marked read once queued, so the next fetch goes on; the pipeline commits it once stored.
        if (await pipeline.accept(fetched, { heartbeat, isRunning, isStale })) resolveOffset(batch.lastOffset());
        await heartbeat();
      },
    });
  }

  /** Starts a new consumer for the group after 1 s, 2 s, 4 s ... (at most 30 s) of backoff. */
  private restartLater(topic: string, group: string, pipeline: ConsumerPipeline, crashes: number, cause: Error): void {
    const delayMs = Math.min(30_000, 1_000 * 2 ** crashes);
    this.logger.error(`The ${group} consumer stopped for good (${cause.message}): a new one starts in ${delayMs} ms`);
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (this.closing) return;
      this.startConsumer(topic, group, pipeline, crashes + 1).catch((error: Error) => this.restartLater(topic, group, pipeline, crashes + 1, error));
    }, delayMs);
    this.restarts.add(timer);
  }

  /** The partitions this client creates `topic` with (at least 1): how many batches a fetch may hold. */
  private partitionsOf(topic: string): number {
    return Math.max(1, this.options.topics.find((t) => t.topic === topic)?.partitions ?? 1);
  }

  /** Total messages not yet consumed by a group, per topic (for metrics). */
  async lag(group: string, topic: string): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      const latest = await admin.fetchTopicOffsets(topic);
      let lag = 0;
      for (const partition of latest) {
        const done = committed?.partitions.find((p) => p.partition === partition.partition);
        const from = done && Number(done.offset) >= 0 ? Number(done.offset) : Number(partition.low);
        lag += Math.max(0, Number(partition.high) - from);
      }
      return lag;
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.restarts) clearTimeout(timer);
    // The store calls under way finish and commit first; what is queued behind them is read again later.
    await Promise.all(this.pipelines.map((p) => p.close()));
    await Promise.all(this.consumers.map((c) => c.disconnect()));
    await this.producer?.disconnect();
  }

  private async connectProducer(): Promise<Producer> {
    const producer = this.kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return producer;
  }

  private ensureTopics(): Promise<void> {
    this.topicsReady ??= (async () => {
      const admin: Admin = this.kafka.admin();
      await admin.connect();
      try {
        const existing = new Set(await admin.listTopics());
        const missing = this.options.topics.filter((t) => !existing.has(t.topic));
        if (missing.length) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((t) => ({
              topic: t.topic,
              numPartitions: t.partitions,
              replicationFactor: t.replicationFactor,
              configEntries: [
                { name: 'min.insync.replicas', value: String(t.minInsyncReplicas) },
                { name: 'max.message.bytes', value: String(t.maxMessageBytes) },
              ],
            })),
          });
        }
      } finally {
        await admin.disconnect();
      }
    })().catch((error: unknown) => {
      this.topicsReady = undefined;
      throw error;
    });
    return this.topicsReady;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
