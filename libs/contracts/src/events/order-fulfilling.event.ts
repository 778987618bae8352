import { OrderEventDataSchema } from './order-event-data';

export const OrderFulfillingEvent = { type: 'order.fulfilling', version: 1, description: 'Delivery started', data: OrderEventDataSchema } as const;
