import { OrderEventDataSchema } from './order-event-data';

export const OrderCompletedEvent = { type: 'order.completed', version: 1, description: 'The order was delivered', data: OrderEventDataSchema } as const;
