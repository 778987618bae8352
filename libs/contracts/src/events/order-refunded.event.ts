import { OrderEventDataSchema } from './order-event-data';

export const OrderRefundedEvent = { type: 'order.refunded', version: 1, data: OrderEventDataSchema } as const;
