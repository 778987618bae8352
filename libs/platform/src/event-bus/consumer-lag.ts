import { Gauge } from 'prom-client';
import { Metrics } from '../metrics/metrics';
import { withTimeout } from '../runtime/with-timeout';
import { EventBus } from './event-bus';
import { KafkaEventBus } from './kafka-event-bus';

/** A scrape must not hang on an unreachable broker: lag older than this is left out. */
const LAG_TIMEOUT_MS = 2_000;

/**
 * `kafka_consumer_lag_messages{group,topic}`: messages not yet committed by each consumer
 * group of this app, read from the broker at scrape time. Nothing for the in-process bus.
 */
export function trackConsumerLag(bus: EventBus, metrics: Metrics): void {
  if (!(bus instanceof KafkaEventBus)) return;
  new Gauge({
    name: 'kafka_consumer_lag_messages',
    help: 'Messages on the topic not yet committed by the consumer group',
    labelNames: ['group', 'topic'],
    registers: [metrics.registry],
    async collect() {
      this.reset();
      await Promise.all(
        bus.subscriptions.map(async ({ group, topic }) => {
          const lag = await withTimeout(bus.lag(group, topic), LAG_TIMEOUT_MS).catch(() => undefined);
          if (lag !== undefined) this.set({ group, topic }, lag);
        }),
      );
    },
  });
}
