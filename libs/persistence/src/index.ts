export * from './data-source';
export * from './catalog';
export * from './catalog-store';
