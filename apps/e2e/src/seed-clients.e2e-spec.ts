import { call, createReward, createTenant, credit, StackInfo, TestTenant, userToken } from '@phoenix/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eachMode } from './stacks';

/** Loads a seed's client class from its verbatim source file. */
function seedClass(file: string, name: string): new (apiUrl: string, jwt: string) => any {
  const source = readFileSync(join(__dirname, 'seed-clients', file), 'utf8');
  return new Function(`${source}\nreturn ${name};`)();
}

const RewardsCatalogClient = seedClass('rewards-catalog-client.js', 'RewardsCatalogClient');
const RewardsClient = seedClass('rewards-client.js', 'RewardsClient');

const ORDER_SHAPE = {
  id: expect.any(String),
  tenant_id: expect.any(String),
  user_id: 'user_123',
  reward_id: expect.any(String),
  variant_id: 'default',
  source_type: 'purchase',
  status: { state: 'fulfilling', started_at: expect.any(String) },
  fields: { phone_number: '+251912345678' },
  fulfillment: { type: 'api' },
  requires_claim: false,
  created_at: expect.any(String),
  updated_at: expect.any(String),
};

const SUMMARY_SHAPE = {
  id: expect.any(String),
  reward_id: expect.any(String),
  reward_name: expect.any(String),
  reward_image_url: expect.any(String),
  variant_id: 'default',
  source_type: expect.any(String),
  status: expect.objectContaining({ state: expect.any(String) }),
  requires_claim: expect.any(Boolean),
  created_at: expect.any(String),
};

// The JavaScript clients printed in seeds 001 and 002 run unmodified against the query gateway.
describe.each(eachMode())('seed clients (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;
  let jwt: string;
  let claimable: { id: string };

  beforeAll(async () => {
    tenant = await createTenant(stack);
    await createReward(stack, tenant, { slug: 'airtime-topup', stock: 100 });
    await createReward(stack, tenant, {
      slug: 'xp-boost-100',
      name: '100 XP Boost',
      fields: [],
      stock: null,
      purchase: { prices: [{ currency: 'gold_coins', amount: 50 }] },
      fulfillment: { type: 'wallet', item_type: 'xp', amount: 100 },
    });
    const hoodie = await createReward(stack, tenant, {
      slug: 'hoodie',
      purchase: null,
      requires_claim: true,
      fields: [
        { name: 'phone_number', label: 'Phone', required: true, type: 'text', pattern: '^\\+[0-9]{10,15}$' },
        { name: 'address', label: 'Address', required: true, type: 'text', multiline: true, max_length: 500 },
      ],
      fulfillment: { type: 'manual' },
    });
    await credit(stack, tenant, 'user_123', 'gold_coins', 5000);
    jwt = userToken(tenant.jwt_secret, { sub: 'user_123', tenant_id: tenant.id });
    const granted = await call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/grants`, {
      headers: { 'x-api-key': tenant.api_key },
      json: { user_id: 'user_123', reward_id: hoodie.id, source_type: 'leaderboard', source_ref: 'weekly_top10' },
    });
    claimable = granted.body.order;
  });

  it('RewardsCatalogClient (seed 001): every call returns the documented shape', async () => {
    const client = new RewardsCatalogClient(stack.queryUrl, jwt);

    const { rewards: catalog } = await client.listRewards(tenant.id, 1500);
    expect(catalog.length).toBe(3);
    const airtime = catalog.find((r: { slug: string }) => r.slug === 'airtime-topup');
    expect(airtime).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        slug: 'airtime-topup',
        name: 'Airtime Top-up',
        description: 'Mobile airtime for any network',
        image_url: 'https://example.com/airtime.png',
        purchase: { prices: [{ currency: 'gold_coins', amount: 500 }] },
        stock: 100,
        fields: [expect.objectContaining({ name: 'phone_number', label: 'Phone Number', required: true, type: 'text', pattern: '^\\+251[0-9]{9}$' })],
        affordable: true,
        points_needed: null,
      }),
    );
    expect(catalog.filter((r: { affordable: boolean }) => r.affordable).map((r: { slug: string }) => r.slug).sort()).toEqual(['airtime-topup', 'xp-boost-100']);

    const reward = await client.getReward(tenant.id, 'airtime-topup');
    expect(reward).toMatchObject({ id: airtime.id, slug: 'airtime-topup', stock: 100, purchase: airtime.purchase, fields: airtime.fields });

    const order = await client.purchase(tenant.id, 'airtime-topup', 'user_123', 'gold_coins', { phone_number: '+251912345678' });
    expect(order).toEqual({ order: expect.objectContaining(ORDER_SHAPE), was_cached: false });

    await expect(client.purchase(tenant.id, 'airtime-topup', 'user_123', 'gold_coins', { phone_number: 'bad' })).rejects.toThrow(/fields/i);

    const { orders, total, limit, offset } = await client.listOrders(tenant.id, 'user_123');
    expect({ total, limit, offset }).toEqual({ total: 2, limit: 20, offset: 0 });
    for (const o of orders) expect(o).toEqual(SUMMARY_SHAPE);
    expect(orders.map((o: { reward_name: string }) => o.reward_name)).toEqual(['Airtime Top-up', 'Airtime Top-up']);
    const completed = await client.listOrders(tenant.id, 'user_123', { status: 'completed', limit: 10 });
    expect(completed).toEqual({ orders: [], total: 0, limit: 10, offset: 0 });

    const claimed = await client.claim(tenant.id, claimable.id, 'user_123', { phone_number: '+251912345678', address: '123 Main St, Addis Ababa' });
    expect(claimed.order).toMatchObject({ id: claimable.id, status: { state: 'fulfilling', started_at: expect.any(String) } });

    const recent = await client.getRecentFields(tenant.id, 'user_123');
    expect(recent).toEqual({ fields: { phone_number: '+251912345678', address: '123 Main St, Addis Ababa' } });
  });

  it('RewardsClient (seed 002, paths without tenant): every call returns the documented shape', async () => {
    const client = new RewardsClient(stack.queryUrl, jwt);

    const { rewards: catalog } = await client.listRewards(1500);
    expect(catalog.map((r: { slug: string }) => r.slug).sort()).toEqual(['airtime-topup', 'hoodie', 'xp-boost-100']);
    const xp = catalog.find((r: { slug: string }) => r.slug === 'xp-boost-100');
    expect(xp).toMatchObject({ fields: [], stock: null, affordable: true, points_needed: null, purchase: { prices: [{ currency: 'gold_coins', amount: 50 }] } });

    expect(await client.getReward('xp-boost-100')).toMatchObject({ id: xp.id, slug: 'xp-boost-100', name: '100 XP Boost' });

    const bought = await client.purchase('airtime-topup', 'user_123', 'gold_coins', { phone_number: '+251912345678' });
    expect(bought).toEqual({ order: expect.objectContaining(ORDER_SHAPE), was_cached: false });

    const { orders, total } = await client.listOrders('user_123', { limit: 10 });
    expect(total).toBeGreaterThanOrEqual(1);
    for (const o of orders) expect(o).toEqual(SUMMARY_SHAPE);

    const hoodie = await client.getReward('hoodie');
    const pending = await call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/grants`, {
      headers: { 'x-api-key': tenant.api_key },
      json: { user_id: 'user_123', reward_id: hoodie.id, source_type: 'streak', source_ref: '30-days' },
    });
    const claimed = await client.claim(pending.body.order.id, 'user_123', { phone_number: '+251900000001', address: 'Bole Road' });
    expect(claimed).toEqual({ order: expect.objectContaining({ id: pending.body.order.id, status: expect.objectContaining({ state: 'fulfilling', started_at: expect.any(String) }) }) });
  });
});
