import { LogContext, currentLogContext, runInLogContext } from '../logging/log-context';
import { BusMessage, BusSubscriber, EventBus, StagedHandler, staged } from './event-bus';

interface Subscription {
  topic: string;
  group: string;
  handler: StagedHandler<unknown>;
  /** Deliveries to one group run one at a time, in publish order, like one partition. */
  tail: Promise<void>;
  /** The subscriber's: its handler logs as its own app, not as the publisher's. */
  logs: LogContext | undefined;
}

/**
 * The bus for standalone mode. `publish` resolves only once every subscribed group has
 * handled the messages (a handler that throws gets the batch again after a pause), so the
 * outbox relay marks an event sent only when it was really consumed: a crash loses nothing.
 * A publish before `start()` (the launcher calls it once every app has subscribed) waits for
 * it, so no group misses the events written while the process was starting: a relay that
 * finds rows left from the last run simply sends them once the process is up.
 */
export class InProcessEventBus implements EventBus {
  private readonly subscriptions: Subscription[] = [];
  private readonly retryDelayMs: number;
  private started: boolean;
  /** Settles when the bus starts (or closes before it ever did): publishers waiting on it go on. */
  private readonly opened: Promise<void>;
  private open!: () => void;
  private accepting = true;
  private stopped = false;

  constructor(options: { retryDelayMs?: number; started?: boolean } = {}) {
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.started = options.started ?? false;
    this.opened = new Promise((resolve) => (this.open = resolve));
    if (this.started) this.open();
  }

  start(): void {
    this.started = true;
    this.open();
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (!this.started) await this.opened;
    if (!this.accepting) throw new Error('in-process event bus is closed');
    const deliveries: Array<Promise<void>> = [];
    for (const subscription of this.subscriptions) {
      const batch = messages.filter((m) => m.topic === subscription.topic);
      if (batch.length === 0) continue;
      subscription.tail = subscription.tail.then(() => runInLogContext(subscription.logs, () => this.deliver(subscription, batch)));
      deliveries.push(subscription.tail);
    }
    await Promise.all(deliveries);
  }

  async subscribe<Prepared>(topic: string, group: string, handler: BusSubscriber<Prepared>): Promise<void> {
    this.subscriptions.push({ topic, group, handler: staged(handler), tail: Promise.resolve(), logs: currentLogContext() });
  }

  /** Stops taking messages, lets queued deliveries finish (up to `timeoutMs`), then stops retrying. */
  async close(timeoutMs = 5_000): Promise<void> {
    this.accepting = false;
    this.open();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.subscriptions.map((s) => s.tail)),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    this.stopped = true;
  }

  private async deliver(subscription: Subscription, batch: BusMessage[]): Promise<void> {
    const prepared = subscription.handler.prepare(batch);
    for (;;) {
      try {
        await subscription.handler.store([prepared]);
        return;
      } catch (error) {
        if (this.stopped) throw error;
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
