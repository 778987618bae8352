import { OrderEventDataSchema } from './order-event-data';

export const OrderFulfillingEvent = { type: 'order.fulfilling', version: 1, data: OrderEventDataSchema } as const;
