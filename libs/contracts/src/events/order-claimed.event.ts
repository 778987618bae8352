import { OrderEventDataSchema } from './order-event-data';

export const OrderClaimedEvent = { type: 'order.claimed', version: 1, data: OrderEventDataSchema } as const;
