import { Module } from '@nestjs/common';
import { Metrics, createEventBus } from '@phoenix/platform';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';
import { JobsModule } from '../jobs/jobs.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { EVENT_BUS, OrderEventIntake } from './order-event-intake';

@Module({
  imports: [JobsModule, WebhooksModule],
  providers: [
    OrderEventIntake,
    { provide: EVENT_BUS, inject: [FULFILLMENT_CONFIG, Metrics], useFactory: (config: FulfillmentConfig, metrics: Metrics) => createEventBus('order-fulfillment', config, metrics) },
  ],
})
export class IntakeModule {}
