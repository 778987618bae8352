import { FulfillmentJobEntity } from './fulfillment-job.entity';
import { WebhookAttemptEntity } from './webhook-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export { FulfillmentJobEntity, WebhookAttemptEntity, WebhookDeliveryEntity, WebhookEndpointEntity };

/** Every table order-fulfillment owns, in schema `fulfillment`. */
export const FULFILLMENT_ENTITIES = [FulfillmentJobEntity, WebhookEndpointEntity, WebhookDeliveryEntity, WebhookAttemptEntity];
