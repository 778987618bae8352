import { ConfigError, EventBusConfig } from '../config/config';
import { Metrics } from '../metrics/metrics';
import { trackConsumerLag } from './consumer-lag';
import { EventBus } from './event-bus';
import { processEventBus } from './in-process-event-bus';
import { KafkaEventBus } from './kafka-event-bus';

/** Where malformed order events go, beside their topic. */
export const deadLetterTopic = (topic: string) => `${topic}.dlq`;

/**
 * The bus an app should use, from its config. Kafka wins whenever brokers are configured;
 * its consumer lag is then reported in the app's metrics.
 */
export function createEventBus(app: string, config: EventBusConfig, metrics: Metrics): EventBus {
  if (config.KAFKA_BROKERS.length > 0) {
    const settings = { partitions: config.ORDER_EVENTS_PARTITIONS, replicationFactor: config.KAFKA_REPLICATION_FACTOR };
    const bus = new KafkaEventBus({
      clientId: app,
      brokers: config.KAFKA_BROKERS,
      topics: [
        { topic: config.ORDER_EVENTS_TOPIC, ...settings },
        { topic: deadLetterTopic(config.ORDER_EVENTS_TOPIC), ...settings, partitions: 1 },
      ],
    });
    trackConsumerLag(bus, metrics);
    return bus;
  }
  if (config.EVENT_BUS === 'in-process') return processEventBus();
  throw new ConfigError(app, ['KAFKA_BROKERS: is required (a comma-separated list of host:port) outside standalone mode']);
}
