import { BatchContext, ConsumerPipeline, FetchedBatch, PartitionOffset, PipelineConsumer, PipelineOptions } from './consumer-pipeline';
import type { BusMessage, StagedHandler } from './event-bus';

const message = (key: string, bytes = 1): BusMessage => ({ topic: 't', key, value: key.padEnd(bytes, '.'), headers: {} });

/** A batch of one partition: messages `from`…`to` (offsets), keyed p<partition>-<offset>. */
function batch(partition: number, from: number, to: number, bytes = 1): FetchedBatch {
  const messages = Array.from({ length: to - from + 1 }, (_, i) => message(`p${partition}-${from + i}`, bytes));
  return { topic: 't', partition, lastOffset: String(to), messages };
}

const live: BatchContext = { heartbeat: async () => undefined, isRunning: () => true, isStale: () => false };

class FakeConsumer implements PipelineConsumer {
  commits: PartitionOffset[][] = [];
  async commit(offsets: PartitionOffset[]): Promise<void> {
    this.commits.push(offsets);
  }
}

/** A handler whose store calls wait until released, recording what each prepare and store saw. */
class GatedHandler implements StagedHandler<string[]> {
  prepared: string[][] = [];
  stored: string[][] = [];
  active = 0;
  maxActive = 0;
  failNext = 0;
  private gates: Array<() => void> = [];
  gated = false;

  prepare(messages: BusMessage[]): string[] {
    const keys = messages.map((m) => m.key);
    this.prepared.push(keys);
    return keys;
  }

  async store(parts: string[][]): Promise<void> {
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (this.gated) await new Promise<void>((resolve) => this.gates.push(resolve));
      if (this.failNext > 0) {
        this.failNext -= 1;
        throw new Error('insert failed');
      }
      this.stored.push(parts.flat());
    } finally {
      this.active -= 1;
    }
  }

  /** Lets the oldest waiting store call go on. */
  release(): void {
    this.gates.shift()?.();
  }

  get waiting(): number {
    return this.gates.length;
  }
}

const options = (overrides: Partial<PipelineOptions> = {}): PipelineOptions => ({
  maxQueuedBytes: 1_000_000,
  retryDelayMs: 10,
  maxRetryDelayMs: 40,
  onStoreError: () => undefined,
  onCommitError: () => undefined,
  ...overrides,
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('ConsumerPipeline', () => {
  it('stores the batches of one fetch in one call, then commits each partition past its last message', async () => {
    const handler = new GatedHandler();
    const consumer = new FakeConsumer();
    const pipeline = new ConsumerPipeline(handler, options());
    pipeline.attach(consumer);
    await expect(Promise.all([pipeline.accept(batch(0, 0, 1), live), pipeline.accept(batch(1, 5, 5), live), pipeline.accept(batch(0, 2, 3), live)])).resolves.toEqual([true, true, true]);
    await until(() => consumer.commits.length === 1, 'the commit');
    expect(handler.stored).toEqual([['p0-0', 'p0-1', 'p1-5', 'p0-2', 'p0-3']]);
    expect(consumer.commits[0]).toEqual([
      { topic: 't', partition: 0, offset: '4' },
      { topic: 't', partition: 1, offset: '6' },
    ]);
  });

  it('prepares and takes the next batches while a store call waits; calls never overlap and keep the order', async () => {
    const handler = new GatedHandler();
    handler.gated = true;
    const consumer = new FakeConsumer();
    const pipeline = new ConsumerPipeline(handler, options());
    pipeline.attach(consumer);
    await pipeline.accept(batch(0, 0, 0), live);
    await until(() => handler.waiting === 1, 'the first store call');
    // The first call is waiting on its database: the next batches are accepted and prepared meanwhile.
    await expect(pipeline.accept(batch(0, 1, 1), live)).resolves.toBe(true);
    await expect(pipeline.accept(batch(1, 0, 0), live)).resolves.toBe(true);
    expect(handler.prepared).toEqual([['p0-0'], ['p0-1'], ['p1-0']]);
    expect(consumer.commits).toEqual([]); // nothing committed before it is stored
    handler.release();
    await until(() => handler.waiting === 1, 'the second store call');
    expect(consumer.commits).toEqual([[{ topic: 't', partition: 0, offset: '1' }]]);
    handler.release();
    await until(() => consumer.commits.length === 2, 'the second commit');
    expect(handler.stored).toEqual([['p0-0'], ['p0-1', 'p1-0']]);
    expect(handler.maxActive).toBe(1);
  });

  it('holds a batch while the queue is full, heartbeating, and takes it once a store call empties the queue', async () => {
    const handler = new GatedHandler();
    handler.gated = true;
    const consumer = new FakeConsumer();
    const pipeline = new ConsumerPipeline(handler, options({ maxQueuedBytes: 100 }));
    pipeline.attach(consumer);
    await pipeline.accept(batch(0, 0, 0, 10), live);
    await until(() => handler.waiting === 1, 'the first store call');
    await pipeline.accept(batch(0, 1, 1, 100), live); // queued: 100 bytes, the limit
    let heartbeats = 0;
    let taken: boolean | undefined;
    void pipeline.accept(batch(0, 2, 2, 10), { ...live, heartbeat: async () => void (heartbeats += 1) }).then((result) => (taken = result));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(taken).toBeUndefined();
    expect(handler.prepared).toHaveLength(2); // the held batch is not prepared yet
    handler.release(); // the second call takes the queue: room again
    await until(() => taken !== undefined, 'the held batch');
    expect(taken).toBe(true);
    expect(heartbeats).toBeGreaterThanOrEqual(1);
    handler.release();
    await until(() => handler.waiting === 1, 'the third store call');
    handler.release();
    await until(() => consumer.commits.length === 3, 'every commit');
    expect(handler.stored).toEqual([['p0-0'], ['p0-1'], ['p0-2']]);
  });

  it('stores a failed call\'s batches again after the delay, with what came meanwhile, before anything behind them; commits only then', async () => {
    const handler = new GatedHandler();
    handler.gated = true;
    handler.failNext = 1;
    const consumer = new FakeConsumer();
    const errors: number[] = [];
    const pipeline = new ConsumerPipeline(handler, options({ retryDelayMs: 50, maxRetryDelayMs: 200, onStoreError: (_error, retryInMs) => errors.push(retryInMs) }));
    pipeline.attach(consumer);
    await pipeline.accept(batch(0, 10, 11), live);
    await until(() => handler.waiting === 1, 'the first store call');
    await pipeline.accept(batch(0, 12, 12), live); // queued behind the call that will fail
    const failedAt = Date.now();
    handler.release();
    await until(() => errors.length === 1, 'the failure');
    expect(errors).toEqual([50]);
    await pipeline.accept(batch(1, 7, 8), live); // arrives during the delay
    expect(consumer.commits).toEqual([]);
    expect(handler.stored).toEqual([]);

    handler.gated = false;
    await until(() => consumer.commits.length === 1, 'the retried commit');
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(40);
    expect(handler.stored).toEqual([['p0-10', 'p0-11', 'p0-12', 'p1-7', 'p1-8']]);
    expect(consumer.commits[0]).toEqual([
      { topic: 't', partition: 0, offset: '13' },
      { topic: 't', partition: 1, offset: '9' },
    ]);
  });

  it('counts a failed call\'s batches against the room: fetching waits while they and the queue fill it', async () => {
    const handler = new GatedHandler();
    handler.failNext = 1;
    const pipeline = new ConsumerPipeline(handler, options({ maxQueuedBytes: 50, retryDelayMs: 100, maxRetryDelayMs: 100 }));
    const consumer = new FakeConsumer();
    pipeline.attach(consumer);
    let failed = false;
    handler.store = ((store) => async (parts: string[][]) => {
      try {
        await store(parts);
      } catch (error) {
        failed = true;
        throw error;
      }
    })(handler.store.bind(handler));
    await pipeline.accept(batch(0, 0, 0, 60), live);
    await until(() => failed, 'the failure');
    let taken: boolean | undefined;
    void pipeline.accept(batch(0, 1, 1, 10), live).then((result) => (taken = result));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(taken).toBeUndefined(); // the failed 60 bytes fill the 50-byte room
    await until(() => taken !== undefined, 'room after the retry');
    await until(() => consumer.commits.length === 2, 'both commits');
    expect(handler.stored).toEqual([['p0-0'], ['p0-1']]);
  });

  it('doubles the retry delay on each failure in a row, up to the cap', async () => {
    const handler = new GatedHandler();
    handler.failNext = 4;
    const delays: number[] = [];
    const pipeline = new ConsumerPipeline(handler, options({ retryDelayMs: 5, maxRetryDelayMs: 12, onStoreError: (_e, ms) => delays.push(ms) }));
    const consumer = new FakeConsumer();
    pipeline.attach(consumer);
    await pipeline.accept(batch(0, 0, 0), live);
    await until(() => consumer.commits.length === 1, 'the commit after four failures');
    expect(delays).toEqual([5, 10, 12, 12]);
    expect(handler.stored).toEqual([['p0-0']]);
  });

  it('refuses a stale batch, one of a stopped consumer, and any once closed; none of them is prepared', async () => {
    const handler = new GatedHandler();
    const pipeline = new ConsumerPipeline(handler, options());
    pipeline.attach(new FakeConsumer());
    await expect(pipeline.accept(batch(0, 0, 0), { ...live, isStale: () => true })).resolves.toBe(false);
    await expect(pipeline.accept(batch(0, 0, 0), { ...live, isRunning: () => false })).resolves.toBe(false);
    await pipeline.close();
    await expect(pipeline.accept(batch(0, 0, 0), live)).resolves.toBe(false);
    expect(handler.prepared).toEqual([]);
  });

  it('drops what an earlier consumer queued when a new one attaches; the call under way still commits through its own consumer', async () => {
    const handler = new GatedHandler();
    handler.gated = true;
    const first = new FakeConsumer();
    const second = new FakeConsumer();
    const pipeline = new ConsumerPipeline(handler, options());
    pipeline.attach(first);
    await pipeline.accept(batch(0, 0, 0), live);
    await until(() => handler.waiting === 1, 'the first store call');
    await pipeline.accept(batch(0, 1, 1), live); // queued by the first consumer
    pipeline.attach(second); // the second reads from the committed offsets again
    handler.release();
    await until(() => first.commits.length === 1, "the first consumer's commit");
    await pipeline.accept(batch(0, 1, 1), live);
    await until(() => handler.waiting === 1, 'the next store call');
    handler.release();
    await until(() => second.commits.length === 1, "the second consumer's commit");
    expect(handler.stored).toEqual([['p0-0'], ['p0-1']]);
    expect(first.commits).toEqual([[{ topic: 't', partition: 0, offset: '1' }]]);
    expect(second.commits).toEqual([[{ topic: 't', partition: 0, offset: '2' }]]);
  });

  it('closes after the store call under way and its commit; what was queued behind it is not stored', async () => {
    const handler = new GatedHandler();
    handler.gated = true;
    const consumer = new FakeConsumer();
    const pipeline = new ConsumerPipeline(handler, options());
    pipeline.attach(consumer);
    await pipeline.accept(batch(0, 0, 0), live);
    await until(() => handler.waiting === 1, 'the first store call');
    await pipeline.accept(batch(0, 1, 1), live);
    let closed = false;
    const closing = pipeline.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBe(false);
    handler.release();
    await closing;
    expect(handler.stored).toEqual([['p0-0']]);
    expect(consumer.commits).toEqual([[{ topic: 't', partition: 0, offset: '1' }]]);
  });

  it('treats a refused commit as a reason to read again, not a failure: the next calls go on', async () => {
    const handler = new GatedHandler();
    const commitErrors: unknown[] = [];
    const consumer = new FakeConsumer();
    let refuse = true;
    consumer.commit = async (offsets) => {
      if (refuse) {
        refuse = false;
        throw new Error('rebalance in progress');
      }
      consumer.commits.push(offsets);
    };
    const pipeline = new ConsumerPipeline(handler, options({ onCommitError: (error) => commitErrors.push(error) }));
    pipeline.attach(consumer);
    await pipeline.accept(batch(0, 0, 0), live);
    await until(() => commitErrors.length === 1, 'the refused commit');
    await pipeline.accept(batch(0, 1, 1), live);
    await until(() => consumer.commits.length === 1, 'the next commit');
    expect(handler.stored).toEqual([['p0-0'], ['p0-1']]);
    expect(consumer.commits).toEqual([[{ topic: 't', partition: 0, offset: '2' }]]);
  });
});
