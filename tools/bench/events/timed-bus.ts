import { staged, type BusMessage, type BusSubscriber, type EventBus } from '@phoenix/platform';

/**
 * Wraps the bus handed to the ingester and times its handler: from the first batch it is
 * given to the moment it has returned for `expected` messages (their rows are in ClickHouse
 * by then; the offset commit follows). Group join and topic metadata are left out, as they
 * are a start-up cost, not a throughput one.
 */
export class TimedBus implements EventBus {
  firstAt?: number;
  doneAt?: number;
  handled = 0;
  batches = 0;
  /** Wall time in the ingester's prepare step (parse, map and encode, on the event loop). */
  prepareMs = 0;
  /** Wall time in its store step (the inserts); the next batches are prepared meanwhile. */
  storeMs = 0;
  /** CPU of this whole process (JS thread, chDB's threads, kafkajs) from first to last batch. */
  cpu?: NodeJS.CpuUsage;
  readonly done: Promise<void>;
  private cpuAtFirst?: NodeJS.CpuUsage;
  private finish: () => void = () => undefined;

  constructor(
    private readonly inner: EventBus,
    private readonly expected: number,
  ) {
    this.done = new Promise((resolve) => (this.finish = resolve));
  }

  publish(messages: BusMessage[]): Promise<void> {
    return this.inner.publish(messages);
  }

  subscribe<Prepared>(topic: string, group: string, subscriber: BusSubscriber<Prepared>): Promise<void> {
    const handler = staged(subscriber);
    return this.inner.subscribe<{ prepared: unknown; count: number }>(topic, group, {
      prepare: (messages) => {
        const started = performance.now();
        if (this.firstAt === undefined) {
          this.firstAt = started;
          this.cpuAtFirst = process.cpuUsage();
        }
        const prepared = handler.prepare(messages);
        this.prepareMs += performance.now() - started;
        return { prepared, count: messages.length };
      },
      store: async (parts) => {
        const started = performance.now();
        await handler.store(parts.map((part) => part.prepared));
        this.storeMs += performance.now() - started;
        this.batches += 1;
        for (const part of parts) this.handled += part.count;
        if (this.handled >= this.expected && this.doneAt === undefined) {
          this.doneAt = performance.now();
          this.cpu = process.cpuUsage(this.cpuAtFirst);
          this.finish();
        }
      },
    });
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  get seconds(): number {
    return this.firstAt === undefined || this.doneAt === undefined ? Number.NaN : (this.doneAt - this.firstAt) / 1000;
  }

  /** Cores kept busy on average: CPU seconds over wall seconds. */
  get cores(): number {
    return this.cpu ? (this.cpu.user + this.cpu.system) / 1e6 / this.seconds : Number.NaN;
  }
}
