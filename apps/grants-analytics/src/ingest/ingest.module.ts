import { Module } from '@nestjs/common';
import { createEventBus } from '@phoenix/platform';
import { ANALYTICS_CONFIG, AnalyticsConfig } from '../config';
import { EVENT_BUS, GrantIngester } from './grant-ingester';

@Module({
  providers: [
    GrantIngester,
    { provide: EVENT_BUS, inject: [ANALYTICS_CONFIG], useFactory: (config: AnalyticsConfig) => createEventBus('grants-analytics', config) },
  ],
})
export class IngestModule {}
