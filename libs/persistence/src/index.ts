export * from './data-source';
export * from './catalog';
export * from './catalog-store';
export * from './sql';
export * from './fulfillment';
export * from './fulfillment-store';
export * from './nest/service-database.module';
