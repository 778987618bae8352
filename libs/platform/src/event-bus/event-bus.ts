/**
 * The event-bus port. Domain events are written to a Postgres outbox and relayed to the bus;
 * consumers are idempotent. Kafka implements it in distributed mode, the in-process bus in
 * standalone mode (still fed from the outbox, so a restart loses nothing).
 */
export interface BusMessage {
  topic: string;
  /** Partitioning key: one order's events share it and stay ordered. */
  key: string;
  value: string;
  headers: Record<string, string>;
}

export type BusHandler = (messages: BusMessage[]) => Promise<void>;

/**
 * A handler in two steps, for a consumer whose work is CPU first and then a wait (the ingester
 * parses events, then waits for ClickHouse to insert them). `prepare` runs on each batch as soon
 * as the bus has it, while an earlier `store` may still be waiting; `store` takes what was
 * prepared, in the order the batches came, one call at a time. A batch counts as handled (its
 * offsets may be committed) once the `store` call that held it resolved. `prepare` must not
 * throw: what it cannot read is its own to set aside (dead letters).
 */
export interface StagedHandler<Prepared> {
  prepare(messages: BusMessage[]): Prepared;
  store(prepared: Prepared[]): Promise<void>;
}

/** What a subscription hands its messages to: one step, or two (see StagedHandler). */
export type BusSubscriber<Prepared = unknown> = BusHandler | StagedHandler<Prepared>;

export interface EventBus {
  publish(messages: BusMessage[]): Promise<void>;
  /** Handlers of one group share the stream; each group gets every message. */
  subscribe<Prepared>(topic: string, group: string, handler: BusSubscriber<Prepared>): Promise<void>;
  close(): Promise<void>;
}

/** A subscriber as two steps: a one-step handler prepares nothing and stores the messages. */
export function staged<Prepared>(subscriber: BusSubscriber<Prepared>): StagedHandler<unknown> {
  if (typeof subscriber !== 'function') return subscriber as StagedHandler<unknown>;
  return {
    prepare: (messages) => messages,
    store: (batches) => subscriber((batches as BusMessage[][]).flat()),
  };
}
