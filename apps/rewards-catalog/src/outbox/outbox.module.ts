import { Module } from '@nestjs/common';
import { Metrics, createEventBus } from '@phoenix/platform';
import { CATALOG_CONFIG, CatalogConfig } from '../config';
import { EVENT_BUS, OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';

@Module({
  providers: [
    OutboxWriter,
    OutboxRelay,
    { provide: EVENT_BUS, inject: [CATALOG_CONFIG, Metrics], useFactory: (config: CatalogConfig, metrics: Metrics) => createEventBus('rewards-catalog', config, metrics) },
  ],
  exports: [OutboxWriter],
})
export class OutboxModule {}
