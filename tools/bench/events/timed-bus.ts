import type { BusHandler, BusMessage, EventBus } from '@phoenix/platform';

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
  /** Wall time spent inside the ingester's handler (parse, map, insert). */
  handlerMs = 0;
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

  subscribe(topic: string, group: string, handler: BusHandler): Promise<void> {
    return this.inner.subscribe(topic, group, async (messages) => {
      const started = performance.now();
      if (this.firstAt === undefined) {
        this.firstAt = started;
        this.cpuAtFirst = process.cpuUsage();
      }
      await handler(messages);
      this.handlerMs += performance.now() - started;
      this.batches += 1;
      this.handled += messages.length;
      if (this.handled >= this.expected && this.doneAt === undefined) {
        this.doneAt = performance.now();
        this.cpu = process.cpuUsage(this.cpuAtFirst);
        this.finish();
      }
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
