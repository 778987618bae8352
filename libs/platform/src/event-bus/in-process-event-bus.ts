import { BusHandler, BusMessage, EventBus } from './event-bus';

interface Subscription {
  topic: string;
  group: string;
  handler: BusHandler;
  /** Deliveries to one group run one at a time, in publish order, like one partition. */
  tail: Promise<void>;
}

/**
 * The bus for standalone mode. Delivery is at least once: a handler that throws gets the
 * same batch again after a short pause, which is what the outbox and idempotent consumers
 * expect of any bus.
 */
export class InProcessEventBus implements EventBus {
  private readonly subscriptions: Subscription[] = [];
  private accepting = true;
  private stopped = false;

  constructor(private readonly retryDelayMs = 200) {}

  async publish(messages: BusMessage[]): Promise<void> {
    if (!this.accepting) throw new Error('event bus is closed');
    for (const subscription of this.subscriptions) {
      const batch = messages.filter((m) => m.topic === subscription.topic);
      if (batch.length === 0) continue;
      subscription.tail = subscription.tail.then(() => this.deliver(subscription, batch));
    }
  }

  async subscribe(topic: string, group: string, handler: BusHandler): Promise<void> {
    this.subscriptions.push({ topic, group, handler, tail: Promise.resolve() });
  }

  /** Stops taking messages, lets queued deliveries finish (up to `timeoutMs`), then stops retrying. */
  async close(timeoutMs = 5_000): Promise<void> {
    this.accepting = false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.subscriptions.map((s) => s.tail)),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    this.stopped = true;
  }

  private async deliver(subscription: Subscription, batch: BusMessage[]): Promise<void> {
    while (!this.stopped) {
      try {
        await subscription.handler(batch);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      }
    }
  }
}

const BUS_KEY = Symbol.for('phoenix.in-process-event-bus');

/** The one in-process bus of this process, shared by every app bundle loaded into it. */
export function processEventBus(): InProcessEventBus {
  const holder = globalThis as unknown as Record<symbol, InProcessEventBus | undefined>;
  return (holder[BUS_KEY] ??= new InProcessEventBus());
}
