import { call, createTenant, credit, userToken, type StackInfo, type TestTenant } from '@phoenix/testing';

export const CURRENCY = 'gold';
export const PRICE = 1;

export interface FixtureOptions {
  rewards: number;
  users: number;
  /** Credited to every user: enough for every purchase the run can make. */
  fundsPerUser: number;
  hotStock: number;
}

export interface Fixture {
  tenant: TestTenant;
  /** Unlimited stock: a purchase reads the reward row but never writes it (P2). */
  slugs: string[];
  /** Limited stock: every purchase takes a unit, so all buyers queue on its row (P3). */
  hotSlug: string;
  userIds: string[];
  /** A role "service" token may purchase for any user of its tenant. */
  serviceToken: string;
}

/** Setup requests in flight at once: enough to go fast, few enough not to trip timeouts. */
const SETUP_CONCURRENCY = 32;

/** Everything a run needs, created through the admin gateway as a tenant's back office would. */
export async function createFixture(stack: Pick<StackInfo, 'adminUrl' | 'platformKey'>, options: FixtureOptions): Promise<Fixture> {
  const tenant = await createTenant(stack);
  const slugs = Array.from({ length: options.rewards }, (_, i) => `bench-reward-${String(i).padStart(3, '0')}`);
  const hotSlug = 'bench-hot-reward';
  await inBatches(slugs, (slug) => createReward(stack.adminUrl, tenant, slug, null));
  await createReward(stack.adminUrl, tenant, hotSlug, options.hotStock);

  const userIds = Array.from({ length: options.users }, (_, i) => `bench_user_${String(i).padStart(5, '0')}`);
  await inBatches(userIds, (userId) => credit(stack, tenant, userId, CURRENCY, options.fundsPerUser));

  // Long enough to outlive any run; the load generator never refreshes it.
  const serviceToken = userToken(tenant.jwt_secret, { sub: 'bench-load-generator', tenant_id: tenant.id, role: 'service' }, { expiresIn: 3600 });
  return { tenant, slugs, hotSlug, userIds, serviceToken };
}

/**
 * A purchasable reward delivered by hand: no claim step, so a purchase goes straight to
 * `fulfilling` and writes both of its outbox events, the heavier of the two purchase paths.
 */
async function createReward(adminUrl: string, tenant: TestTenant, slug: string, stock: number | null): Promise<void> {
  const response = await call(adminUrl, 'POST', `/v1/tenants/${tenant.id}/rewards-catalog`, {
    headers: { 'x-api-key': tenant.api_key },
    json: {
      slug,
      name: `Bench reward ${slug}`,
      description: 'Created by npm run bench:purchase',
      fulfillment: { type: 'manual', notes: 'benchmark' },
      purchase: { prices: [{ currency: CURRENCY, amount: PRICE }] },
      stock,
    },
  });
  if (response.status !== 201) throw new Error(`reward ${slug} creation failed: ${response.status} ${JSON.stringify(response.body)}`);
}

async function inBatches<T>(items: T[], action: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += SETUP_CONCURRENCY) {
    await Promise.all(items.slice(i, i + SETUP_CONCURRENCY).map(action));
  }
}
