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

export interface EventBus {
  publish(messages: BusMessage[]): Promise<void>;
  /** Handlers of one group share the stream; each group gets every message. */
  subscribe(topic: string, group: string, handler: BusHandler): Promise<void>;
  close(): Promise<void>;
}
