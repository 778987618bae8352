import { baseConfigShape, env, serviceEndpointsShape } from '@phoenix/platform';
import { z } from 'zod';

export const AnalyticsConfigSchema = z.object({
  ...baseConfigShape,
  GRANTS_ANALYTICS_HOST: serviceEndpointsShape.GRANTS_ANALYTICS_HOST,
  GRANTS_ANALYTICS_PORT: serviceEndpointsShape.GRANTS_ANALYTICS_PORT,
  GRANTS_ANALYTICS_HTTP_PORT: env.port(3030),
});
export type AnalyticsConfig = z.infer<typeof AnalyticsConfigSchema>;
