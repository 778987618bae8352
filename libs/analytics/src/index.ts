export * from './clickhouse';
export * from './migrator';
export * from './migrations';
export * from './grant-rows';
export * from './grant-queries';
export * from './tab-separated';
