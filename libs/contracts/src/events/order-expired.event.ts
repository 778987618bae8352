import { OrderEventDataSchema } from './order-event-data';

export const OrderExpiredEvent = { type: 'order.expired', version: 1, data: OrderEventDataSchema } as const;
