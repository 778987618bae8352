import { OrderEventDataSchema } from './order-event-data';

export const OrderCreatedEvent = { type: 'order.created', version: 1, data: OrderEventDataSchema } as const;
