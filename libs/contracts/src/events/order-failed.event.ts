import { OrderEventDataSchema } from './order-event-data';

export const OrderFailedEvent = { type: 'order.failed', version: 1, description: 'Delivery failed for good', data: OrderEventDataSchema } as const;
