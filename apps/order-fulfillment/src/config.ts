import { baseConfigShape, databaseShape, env, eventBusShape, secretsKeyShape, serviceEndpointsShape } from '@phoenix/platform';
import { z } from 'zod';

export const FulfillmentConfigSchema = z.object({
  ...baseConfigShape,
  ...serviceEndpointsShape,
  ...databaseShape,
  ...eventBusShape,
  ...secretsKeyShape,
  ORDER_FULFILLMENT_HTTP_PORT: env.port(3020),
  /** Kafka consumer group of the order events' one consumer here: jobs and webhook deliveries (OrderEventIntake). */
  FULFILLMENT_GROUP_ID: env.string('order-fulfillment'),
  /**
   * The safety poll of idle job workers and webhook senders: they are woken by the events they
   * consume and by timers set to the next due retry, so this only finds work nothing woke them for.
   */
  FULFILLMENT_POLL_MS: env.int(5_000, 10, 60_000),
  /** Jobs run at once per replica. */
  FULFILLMENT_CONCURRENCY: env.int(4, 1, 64),
  /** Time allowed to a tenant's fulfillment API for one call. */
  FULFILLMENT_HTTP_TIMEOUT_MS: env.int(10_000, 100, 120_000),
  /** Multiplies every backoff (1 in production; tests shrink minutes to fractions of a second). */
  FULFILLMENT_BACKOFF_SCALE: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().min(0).max(100).default(1)),
  /** The expiry sweeper's safety interval: it also wakes at each known expiry (see ExpirySweeper). */
  EXPIRY_SWEEP_MS: env.int(60_000, 100, 3_600_000),
  /** Attempts per delivery before it counts as failed (13 ≈ one day of backoff). */
  WEBHOOK_MAX_ATTEMPTS: env.int(13, 1, 50),
  /** Failed attempts in a row after which an endpoint is disabled. */
  WEBHOOK_DISABLE_AFTER_FAILURES: env.int(50, 1, 10_000),
  WEBHOOK_TIMEOUT_MS: env.int(10_000, 100, 120_000),
  /** Multiplies webhook backoffs (tests shrink them). */
  WEBHOOK_BACKOFF_SCALE: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().min(0).max(100).default(1)),
  /** Allows outgoing calls to loopback, private and link-local addresses (tests, private networks). */
  WEBHOOK_ALLOW_PRIVATE: env.bool(false),
});
export type FulfillmentConfig = z.infer<typeof FulfillmentConfigSchema>;

export const FULFILLMENT_CONFIG = Symbol('FULFILLMENT_CONFIG');
