import { Module } from '@nestjs/common';
import { Metrics, createEventBus } from '@phoenix/platform';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';
import { EVENT_BUS, JobIntake } from './job-intake';
import { JobRepository } from './job.repository';
import { JobWorker } from './job-worker';

@Module({
  providers: [
    JobRepository,
    JobIntake,
    JobWorker,
    { provide: EVENT_BUS, inject: [FULFILLMENT_CONFIG, Metrics], useFactory: (config: FulfillmentConfig, metrics: Metrics) => createEventBus('order-fulfillment', config, metrics) },
  ],
  exports: [EVENT_BUS],
})
export class JobsModule {}
