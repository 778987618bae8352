import { Module } from '@nestjs/common';
import { Metrics, createEventBus } from '@phoenix/platform';
import { ANALYTICS_CONFIG, AnalyticsConfig } from '../config';
import { EVENT_BUS, GrantIngester } from './grant-ingester';

@Module({
  providers: [
    GrantIngester,
    { provide: EVENT_BUS, inject: [ANALYTICS_CONFIG, Metrics], useFactory: (config: AnalyticsConfig, metrics: Metrics) => createEventBus('grants-analytics', config, metrics) },
  ],
})
export class IngestModule {}
