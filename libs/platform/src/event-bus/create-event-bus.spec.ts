import { z } from 'zod';
import { ConfigError, eventBusShape } from '../config/config';
import { Metrics } from '../metrics/metrics';
import { createEventBus } from './create-event-bus';
import { KafkaEventBus } from './kafka-event-bus';

const config = (env: Record<string, string>) => z.object(eventBusShape).parse({ KAFKA_BROKERS: '127.0.0.1:9092', ...env });

describe('createEventBus', () => {
  it('builds a Kafka bus (no connection yet) when the settings agree', () => {
    expect(createEventBus('test', config({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '3' }), new Metrics())).toBeInstanceOf(KafkaEventBus);
  });

  it('refuses min.insync.replicas above the replication factor, and a produce budget above the topic limit', () => {
    expect(() => createEventBus('test', config({ KAFKA_REPLICATION_FACTOR: '1', KAFKA_MIN_INSYNC_REPLICAS: '2' }), new Metrics())).toThrow(ConfigError);
    expect(() => createEventBus('test', config({ KAFKA_PRODUCE_MAX_BYTES: '2000000', KAFKA_MAX_MESSAGE_BYTES: '1000000' }), new Metrics())).toThrow(
      /KAFKA_PRODUCE_MAX_BYTES: must be at most KAFKA_MAX_MESSAGE_BYTES/,
    );
  });
});
