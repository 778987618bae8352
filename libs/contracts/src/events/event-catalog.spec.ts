import { EventEnvelopeSchema } from './event-catalog';
import { OrderEventDataSchema } from './order-event-data';

// Times that once passed validation and then broke the row conversion of grants-analytics.
describe('order event times', () => {
  const fields = {
    occurred_at: EventEnvelopeSchema.shape.occurred_at,
    created_at: OrderEventDataSchema.shape.created_at,
    updated_at: OrderEventDataSchema.shape.updated_at,
  };

  it.each(Object.entries(fields))('%s accepts an ISO 8601 instant in UTC or with an offset', (_, schema) => {
    for (const time of ['2025-01-04T10:30:00.000Z', '2025-01-04T10:30:00Z', '2025-01-04T12:30:00+02:00', '2025-01-04T10:30:00.123456Z']) {
      expect(schema.safeParse(time)).toMatchObject({ success: true, data: time });
    }
  });

  it.each(Object.entries(fields))('%s refuses anything else', (_, schema) => {
    for (const time of ['not a time', '', '2025-02-30T10:00:00Z', '2025-01-04', '2025-01-04T10:30:00', '2025-01-04 10:30:00Z', 1736000000000]) {
      expect(schema.safeParse(time).success).toBe(false);
    }
  });
});
