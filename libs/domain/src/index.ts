export * from './idempotency/request-fingerprint';
export * from './wallet/wallet-rules';
