export * from './postgres';
export * from './ports';
export * from './tokens';
export * from './http';
export * from './stack';
export * from './tenants';
export * from './rewards';
