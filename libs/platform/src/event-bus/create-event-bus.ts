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
    const replicationFactor = config.KAFKA_REPLICATION_FACTOR;
    const minInsyncReplicas = config.KAFKA_MIN_INSYNC_REPLICAS ?? Math.min(2, replicationFactor);
    const problems = [
      ...(minInsyncReplicas > replicationFactor ? [`KAFKA_MIN_INSYNC_REPLICAS: must be at most KAFKA_REPLICATION_FACTOR (${replicationFactor})`] : []),
      ...(config.KAFKA_PRODUCE_MAX_BYTES > config.KAFKA_MAX_MESSAGE_BYTES ? [`KAFKA_PRODUCE_MAX_BYTES: must be at most KAFKA_MAX_MESSAGE_BYTES (${config.KAFKA_MAX_MESSAGE_BYTES})`] : []),
    ];
    if (problems.length > 0) throw new ConfigError(app, problems);
    const settings = { replicationFactor, minInsyncReplicas, maxMessageBytes: config.KAFKA_MAX_MESSAGE_BYTES };
    const bus = new KafkaEventBus({
      clientId: app,
      brokers: config.KAFKA_BROKERS,
      produceMaxBytes: config.KAFKA_PRODUCE_MAX_BYTES,
      fetchMaxWaitMs: config.KAFKA_FETCH_MAX_WAIT_MS,
      consumerQueueBytes: config.KAFKA_CONSUMER_QUEUE_BYTES,
      topics: [
        { topic: config.ORDER_EVENTS_TOPIC, partitions: config.ORDER_EVENTS_PARTITIONS, ...settings },
        { topic: deadLetterTopic(config.ORDER_EVENTS_TOPIC), partitions: config.ORDER_EVENTS_DLQ_PARTITIONS, ...settings },
      ],
    });
    trackConsumerLag(bus, metrics);
    return bus;
  }
  if (config.EVENT_BUS === 'in-process') return processEventBus();
  throw new ConfigError(app, ['KAFKA_BROKERS: is required (a comma-separated list of host:port) outside standalone mode']);
}
