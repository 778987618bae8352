import { loadConfig } from '@phoenix/platform';
import { FulfillmentConfigSchema } from './config';

describe('order-fulfillment config: the outgoing-call policy', () => {
  const base = { DATABASE_URL: 'postgres://localhost/x', SECRETS_KEY: `k1:${Buffer.alloc(32).toString('base64')}` };

  it('refuses loopback and private targets by default (the distributed mode; the standalone sets it true)', () => {
    expect(loadConfig('order-fulfillment', FulfillmentConfigSchema, base).WEBHOOK_ALLOW_PRIVATE).toBe(false);
  });

  it('allows them when WEBHOOK_ALLOW_PRIVATE is true, and refuses a value that is not a boolean', () => {
    expect(loadConfig('order-fulfillment', FulfillmentConfigSchema, { ...base, WEBHOOK_ALLOW_PRIVATE: 'true' }).WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(() => loadConfig('order-fulfillment', FulfillmentConfigSchema, { ...base, WEBHOOK_ALLOW_PRIVATE: 'yes please' })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
  });
});
