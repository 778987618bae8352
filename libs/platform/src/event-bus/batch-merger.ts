import type { BusHandler, BusMessage } from './event-bus';

interface Waiting {
  messages: BusMessage[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Hands the batches of several partitions to a handler in one call. kafkajs gives a consumer
 * one batch per partition; when it processes the partitions of a fetch side by side, each
 * `run` waits for a handler call that includes its messages. Calls never overlap and keep the
 * order in which batches arrived, so a handler that must run alone (chDB inserts) stays safe,
 * and a partition's next batch always comes after its previous one. Batches arriving while a
 * call runs go together into the next call: under load the handler sees fewer, larger batches
 * (one ClickHouse insert instead of one per partition), idle it sees each batch at once.
 */
export class BatchMerger {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(private readonly handler: BusHandler) {}

  /** Resolves once a handler call that included `messages` succeeded; rejects if it failed. */
  run(messages: BusMessage[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ messages, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    // One turn of the event loop, so the other partitions' batches of the same fetch join in.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0);
      try {
        await this.handler(group.flatMap((entry) => entry.messages));
        for (const entry of group) entry.resolve();
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    this.running = false;
  }
}
