import { OrderEventDataSchema } from './order-event-data';

export const OrderCreatedEvent = { type: 'order.created', version: 1, description: 'A new order: a purchase or a grant', data: OrderEventDataSchema } as const;
