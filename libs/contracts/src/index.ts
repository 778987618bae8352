export * from './errors/error-code';
export * from './errors/app-error';
export * from './common/primitives';
export * from './common/validation';
export * from './tenants/tenant.contracts';
export * from './wallets/wallet.contracts';
export * from './patterns';
