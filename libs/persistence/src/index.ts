export * from './data-source';
export * from './catalog';
export * from './catalog-store';
export * from './sql';
