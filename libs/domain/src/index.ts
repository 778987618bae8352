export * from './idempotency/request-fingerprint';
export * from './wallet/wallet-rules';
export * from './reward/reward-definition';
export * from './reward/field-values';
export * from './reward/pricing';
export * from './order/order-state-machine';
export * from './order/order-actions';
export * from './webhook/webhook-backoff';
