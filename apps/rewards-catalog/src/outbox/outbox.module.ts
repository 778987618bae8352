import { Module } from '@nestjs/common';
import { createEventBus } from '@phoenix/platform';
import { CATALOG_CONFIG, CatalogConfig } from '../config';
import { EVENT_BUS, OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';

@Module({
  providers: [
    OutboxWriter,
    OutboxRelay,
    { provide: EVENT_BUS, inject: [CATALOG_CONFIG], useFactory: (config: CatalogConfig) => createEventBus('rewards-catalog', config) },
  ],
  exports: [OutboxWriter],
})
export class OutboxModule {}
