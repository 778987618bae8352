import { FulfillmentJobEntity } from './fulfillment-job.entity';

export { FulfillmentJobEntity };

/** Every table order-fulfillment owns, in schema `fulfillment`. */
export const FULFILLMENT_ENTITIES = [FulfillmentJobEntity];
