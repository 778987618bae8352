export * from './database';
export * from './data-source';
export * from './records';
export * from './catalog-store';
export * from './sql';
export * from './fulfillment-store';
export * from './nest/service-database.module';
