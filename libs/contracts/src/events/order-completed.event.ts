import { OrderEventDataSchema } from './order-event-data';

export const OrderCompletedEvent = { type: 'order.completed', version: 1, data: OrderEventDataSchema } as const;
