import { OrderEventDataSchema } from './order-event-data';

export const OrderRefundedEvent = { type: 'order.refunded', version: 1, description: 'A purchase was refunded: its price back to the wallet', data: OrderEventDataSchema } as const;
