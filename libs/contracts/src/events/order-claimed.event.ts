import { OrderEventDataSchema } from './order-event-data';

export const OrderClaimedEvent = { type: 'order.claimed', version: 1, description: 'The user submitted the fields the order needed', data: OrderEventDataSchema } as const;
