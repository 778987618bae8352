import { OrderEventDataSchema } from './order-event-data';

export const OrderExpiredEvent = { type: 'order.expired', version: 1, description: 'A claimable order was not claimed in time', data: OrderEventDataSchema } as const;
