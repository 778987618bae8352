import { Module } from '@nestjs/common';
import { Metrics, createEventBus } from '@phoenix/platform';
import { CATALOG_CONFIG, CatalogConfig } from '../config';
import { OutboxCommitWaker } from './outbox-commits';
import { EVENT_BUS, OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';

@Module({
  providers: [
    OutboxWriter,
    OutboxRelay,
    OutboxCommitWaker,
    { provide: EVENT_BUS, inject: [CATALOG_CONFIG, Metrics], useFactory: (config: CatalogConfig, metrics: Metrics) => createEventBus('rewards-catalog', config, metrics) },
  ],
  exports: [OutboxWriter],
})
export class OutboxModule {}
