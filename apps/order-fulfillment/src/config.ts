import { baseConfigShape, env, serviceEndpointsShape } from '@phoenix/platform';
import { z } from 'zod';

export const FulfillmentConfigSchema = z.object({
  ...baseConfigShape,
  ORDER_FULFILLMENT_HOST: serviceEndpointsShape.ORDER_FULFILLMENT_HOST,
  ORDER_FULFILLMENT_PORT: serviceEndpointsShape.ORDER_FULFILLMENT_PORT,
  ORDER_FULFILLMENT_HTTP_PORT: env.port(3020),
});
export type FulfillmentConfig = z.infer<typeof FulfillmentConfigSchema>;
