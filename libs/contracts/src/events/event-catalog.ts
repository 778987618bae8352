import { z } from 'zod';
import { IsoDateTimeSchema } from '../common/primitives';
import { OrderClaimedEvent } from './order-claimed.event';
import { OrderCompletedEvent } from './order-completed.event';
import { OrderCreatedEvent } from './order-created.event';
import { OrderExpiredEvent } from './order-expired.event';
import { OrderFailedEvent } from './order-failed.event';
import { OrderFulfillingEvent } from './order-fulfilling.event';
import { OrderRefundedEvent } from './order-refunded.event';

/**
 * Every event the platform publishes, by type. A type's schema may only grow (new optional
 * fields); anything else is a new `version`, published alongside the old until consumers move.
 */
export const EVENT_CATALOG = {
  [OrderCreatedEvent.type]: OrderCreatedEvent,
  [OrderClaimedEvent.type]: OrderClaimedEvent,
  [OrderFulfillingEvent.type]: OrderFulfillingEvent,
  [OrderCompletedEvent.type]: OrderCompletedEvent,
  [OrderFailedEvent.type]: OrderFailedEvent,
  [OrderExpiredEvent.type]: OrderExpiredEvent,
  [OrderRefundedEvent.type]: OrderRefundedEvent,
} as const;

export type EventType = keyof typeof EVENT_CATALOG;
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

/** Default topic of order events; key = order id, so one order's events stay in order. */
export const ORDER_EVENTS_TOPIC = 'rewards.order-events';

export const EventEnvelopeSchema = z.object({
  event_id: z.uuid(),
  event_type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  event_version: z.number().int().min(1),
  tenant_id: z.string(),
  occurred_at: IsoDateTimeSchema,
  data: z.record(z.string(), z.unknown()),
});

export type EventEnvelope<T = unknown> = Omit<z.infer<typeof EventEnvelopeSchema>, 'data'> & { data: T };

/** Validates an envelope and its data against the catalog entry of its type and version. */
export function parseEvent(raw: unknown): EventEnvelope {
  const envelope = EventEnvelopeSchema.parse(raw);
  const entry = EVENT_CATALOG[envelope.event_type];
  if (envelope.event_version !== entry.version) {
    throw new Error(`Unsupported version ${envelope.event_version} of ${envelope.event_type}`);
  }
  return { ...envelope, data: entry.data.parse(envelope.data) };
}
