import { OrderEventDataSchema } from './order-event-data';

export const OrderFailedEvent = { type: 'order.failed', version: 1, data: OrderEventDataSchema } as const;
