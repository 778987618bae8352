import { context } from '@opentelemetry/api';
import type { BusMessage, StagedHandler } from './event-bus';
import { spansRecorded } from '../observability/tracing';
import { storeSpans } from './message-tracing';

/** One partition's batch of a fetch, as the pipeline takes it. */
export interface FetchedBatch {
  topic: string;
  partition: number;
  /** Offset of its last message (Kafka's decimal string). */
  lastOffset: string;
  messages: BusMessage[];
}

/** The consumer a batch came from, as the pipeline needs it while the batch waits. */
export interface BatchContext {
  /** Keeps the group membership alive while the batch waits for room. */
  heartbeat(): Promise<void>;
  /** False once the consumer stops. */
  isRunning(): boolean;
  /** True once the consumer was told to read this partition from elsewhere (the batch is out of date). */
  isStale(): boolean;
}

export interface PartitionOffset {
  topic: string;
  partition: number;
  /** The next offset to read: one past the last stored message. */
  offset: string;
}

/** The consumer that commits on the pipeline's behalf (a new one after a restart). */
export interface PipelineConsumer {
  commit(offsets: PartitionOffset[]): Promise<void>;
}

export interface PipelineOptions {
  /** Prepared messages waiting for a store call, in bytes of their values: past this, fetching waits. */
  maxQueuedBytes: number;
  /** After a failed store call the next one waits this long, doubling up to `maxRetryDelayMs`. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  onStoreError(error: unknown, retryInMs: number): void;
  onCommitError(error: unknown): void;
}

interface Entry {
  topic: string;
  partition: number;
  lastOffset: bigint;
  prepared: unknown;
  /** The batch's messages as fetched, for the store call's spans (storeSpans), while spans are exported. */
  messages: BusMessage[];
  bytes: number;
  consumer: PipelineConsumer;
}

/** How long a batch waiting for room sleeps between heartbeats. */
const HEARTBEAT_WHILE_WAITING_MS = 1_000;

/**
 * Lets a consumer fetch the next batches while the handler still stores earlier ones. Hand-written:
 * kafkajs commits only what its eachBatch call finished, so a consumer that waits for its store
 * before returning fetches nothing meanwhile, and its handler sees one fetch at a time (about 1 MB
 * a partition: small ClickHouse inserts).
 *
 * Each fetched batch is prepared at once (a StagedHandler's CPU step, running while the previous
 * store waits on its database) and queued; the fetch goes on while the queue holds less than
 * `maxQueuedBytes`. Store calls never overlap: each takes everything queued, in arrival order, so
 * a partition's batches are stored in order and, under load, in large groups. Offsets are
 * committed only after the call that stored them succeeded. When a call fails, its batches go
 * back to the head of the queue and the next call, after a growing delay, stores them again with
 * whatever came meanwhile (nothing behind them is stored or committed first). A restarted
 * consumer `attach`es and fetches from the committed offsets, so what the previous one had queued
 * is dropped. Handlers are idempotent, so anything fetched twice (a rebalance, a refused commit)
 * is stored twice harmlessly; nothing is committed unstored.
 */
export class ConsumerPipeline {
  private queue: Entry[] = [];
  private queuedBytes = 0;
  /** Whether a drain runs (set and cleared with no await between it and the queue checks). */
  private storing = false;
  private draining?: Promise<void>;
  private consumer?: PipelineConsumer;
  private failures = 0;
  private retryAt = 0;
  private closing = false;
  /** Batches waiting for room, woken when a store call takes the queue or the pipeline closes. */
  private roomWaiters: Array<() => void> = [];
  private wakeRetry?: () => void;

  constructor(
    private readonly handler: StagedHandler<unknown>,
    private readonly options: PipelineOptions,
  ) {}

  /** A (new) consumer feeds the pipeline from now on: what the previous one queued is dropped. */
  attach(consumer: PipelineConsumer): void {
    this.consumer = consumer;
    this.takeQueue();
  }

  /**
   * Prepares a fetched batch and queues it for storing, once there is room. Resolves true when it
   * was taken (its consumer may read past it), false when it was not (the consumer stopped, the
   * batch is stale, or the pipeline closes): then it must not be marked read.
   */
  async accept(batch: FetchedBatch, context: BatchContext): Promise<boolean> {
    while (this.queuedBytes >= this.options.maxQueuedBytes && !this.closing && context.isRunning()) {
      await this.roomOrTimeout(HEARTBEAT_WHILE_WAITING_MS);
      await context.heartbeat();
    }
    // No await from these checks to the push: a close or a new consumer in between must see it queued.
    const consumer = this.consumer;
    if (this.closing || !consumer || !context.isRunning() || context.isStale() || batch.messages.length === 0) return false;
    const prepared = this.handler.prepare(batch.messages);
    let bytes = 0;
    for (const message of batch.messages) bytes += message.value.length;
    this.queue.push({
      topic: batch.topic,
      partition: batch.partition,
      lastOffset: BigInt(batch.lastOffset),
      prepared,
      // Held only for spans: otherwise what is queued is the prepared form alone.
      messages: spansRecorded() ? batch.messages : [],
      bytes,
      consumer,
    });
    this.queuedBytes += bytes;
    if (!this.storing) {
      this.storing = true;
      this.draining = this.drain();
    }
    return true;
  }

  /** Drops what is queued and waits for the store call under way (and its commit) to end. */
  async close(): Promise<void> {
    this.closing = true;
    this.takeQueue();
    this.wakeRetry?.();
    await this.draining;
  }

  /** Stores what is queued until the queue is empty. Nothing in it throws: store and commit failures are caught. */
  private async drain(): Promise<void> {
    // One turn of the event loop, so the other partitions' batches of the same fetch join in.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (;;) {
      if (this.queue.length === 0 || this.closing) {
        // In the same step as the last look at the queue: a batch queued after it starts a new drain.
        this.storing = false;
        return;
      }
      if (Date.now() < this.retryAt) {
        await this.sleepUntilRetry();
        continue;
      }
      const group = this.takeQueue();
      const spans = storeSpans(group);
      try {
        await context.with(spans.context, () => this.handler.store(group.map((entry) => entry.prepared)));
        spans.end();
      } catch (error) {
        spans.end(error);
        this.failures += 1;
        const retryInMs = Math.min(this.options.maxRetryDelayMs, this.options.retryDelayMs * 2 ** (this.failures - 1));
        this.retryAt = Date.now() + retryInMs;
        this.options.onStoreError(error, retryInMs);
        // Back at the head of the queue, counted against its room: fetching pauses if it is full.
        this.queue = [...group, ...this.queue];
        this.queuedBytes = this.queue.reduce((sum, entry) => sum + entry.bytes, 0);
        continue;
      }
      this.failures = 0;
      await this.commit(group);
    }
  }

  /** Empties the queue (for a store call, or to drop it) and wakes the batches waiting for room. */
  private takeQueue(): Entry[] {
    const taken = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    for (const wake of this.roomWaiters.splice(0)) wake();
    return taken;
  }

  /** Each partition's next offset after a stored group, committed by the consumer that fetched it. */
  private async commit(group: Entry[]): Promise<void> {
    const byConsumer = new Map<PipelineConsumer, Map<string, PartitionOffset>>();
    for (const entry of group) {
      const offsets = byConsumer.get(entry.consumer) ?? new Map<string, PartitionOffset>();
      byConsumer.set(entry.consumer, offsets);
      const key = `${entry.topic}\u0000${entry.partition}`;
      const next = entry.lastOffset + 1n;
      const known = offsets.get(key);
      if (!known || BigInt(known.offset) < next) offsets.set(key, { topic: entry.topic, partition: entry.partition, offset: next.toString() });
    }
    for (const [consumer, offsets] of byConsumer) {
      // A refused commit (a rebalance moved the partition, the broker is away) only means these
      // messages are read again: they are stored, and storing is idempotent.
      await consumer.commit([...offsets.values()]).catch((error: unknown) => this.options.onCommitError(error));
    }
  }

  private roomOrTimeout(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.roomWaiters.push(wake);
    });
  }

  /** Waits out the delay after a failed store call; close() ends the wait. */
  private sleepUntilRetry(): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakeRetry = undefined;
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, this.retryAt - Date.now()));
      this.wakeRetry = wake;
    });
  }
}
