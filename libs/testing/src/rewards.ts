import { randomBytes } from 'node:crypto';
import { call } from './http';
import type { StackInfo } from './stack';
import type { TestTenant } from './tenants';

/** The seed's airtime reward (001), with a unique slug unless one is given. */
export function rewardBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: `airtime-${randomBytes(4).toString('hex')}`,
    name: 'Airtime Top-up',
    description: 'Mobile airtime for any network',
    image_url: 'https://example.com/airtime.png',
    active: true,
    fields: [
      {
        name: 'phone_number',
        label: 'Phone Number',
        required: true,
        type: 'text',
        pattern: '^\\+251[0-9]{9}$',
        placeholder: '+251912345678',
      },
    ],
    fulfillment: { type: 'api', retry: { max_attempts: 3, backoff_seconds: [60, 300, 900] } },
    requires_claim: false,
    purchase: { prices: [{ currency: 'gold_coins', amount: 500 }] },
    stock: 1000,
    config: { amount_etb: 10, networks: ['ethio-telecom', 'safaricom'] },
    ...overrides,
  };
}

export interface TestReward {
  id: string;
  slug: string;
  stock: number | null;
  [key: string]: unknown;
}

export async function createReward(
  stack: Pick<StackInfo, 'adminUrl'>,
  tenant: TestTenant,
  overrides: Record<string, unknown> = {},
): Promise<TestReward> {
  const response = await call<TestReward>(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/rewards-catalog`, {
    headers: { 'x-api-key': tenant.api_key },
    json: rewardBody(overrides),
  });
  if (response.status !== 201) throw new Error(`reward creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
