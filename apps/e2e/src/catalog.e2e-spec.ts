import { ApiResponse, call, createReward, createTenant, credit, rewardBody, StackInfo, TestTenant, userToken } from '@phoenix/testing';
import { MISSING_OR_INVALID_CREDENTIALS, PATH_STYLES, rewardsPath } from './path-styles';
import { eachMode } from './stacks';

describe.each(eachMode())('rewards catalog (%s)', (_mode, stack: StackInfo) => {
  let tenant: TestTenant;
  let admin: (method: string, path: string, json?: unknown) => Promise<ApiResponse>;

  beforeAll(async () => {
    tenant = await createTenant(stack);
    admin = (method, path, json) =>
      call(stack.adminUrl, method, `/v1/tenants/${tenant.id}/rewards-catalog${path}`, {
        headers: { 'x-api-key': tenant.api_key },
        ...(json !== undefined ? { json } : {}),
      });
  });

  describe('admin', () => {
    it('creates a reward shaped like seed 001, and refuses its slug twice (409)', async () => {
      const body = rewardBody();
      const created = await admin('POST', '', body);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        ...body,
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tenant_id: tenant.id,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const again = await admin('POST', '', { ...body, name: 'Other' });
      expect(again.status).toBe(409);
      expect(again.body.message).toContain(body['slug'] as string);
    });

    it('applies defaults: active, no fields, no claim, unlimited stock, grant-only', async () => {
      const created = await admin('POST', '', { slug: 'xp-boost-min', name: '100 XP', fulfillment: { type: 'wallet', item_type: 'xp', amount: 100 } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ active: true, fields: [], requires_claim: false, stock: null, purchase: null, config: {}, description: null, image_url: null });
    });

    it('refuses bad definitions with 400 and every detail at once', async () => {
      const response = await admin('POST', '', rewardBody({
        fields: [
          { name: 'phone', label: 'Phone', type: 'text', pattern: '([unclosed' },
          { name: 'network', label: 'Network', type: 'select', options: [] },
        ],
        purchase: { prices: [{ currency: 'gold', amount: -5 }] },
      }));
      expect(response.status).toBe(400);
      const paths = response.body.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['fields.1.options', 'purchase.prices.0.amount']));
      const regex = await admin('POST', '', rewardBody({ fields: [{ name: 'phone', label: 'Phone', type: 'text', pattern: '([unclosed' }] }));
      expect(regex.status).toBe(400);
      expect(regex.body.details).toEqual([expect.objectContaining({ path: 'fields.0.pattern' })]);
      const fulfillment = await admin('POST', '', rewardBody({ fulfillment: { type: 'carrier-pigeon' } }));
      expect(fulfillment.status).toBe(400);
      expect(fulfillment.body.details[0].path).toBe('fulfillment.type');
      const dupes = await admin('POST', '', rewardBody({ purchase: { prices: [{ currency: 'gold', amount: 1 }, { currency: 'gold', amount: 2 }] } }));
      expect(dupes.status).toBe(400);
    });

    it('lists active rewards by default, with limit and offset', async () => {
      const own = await createTenant(stack);
      const list = (query: string) => call(stack.adminUrl, 'GET', `/v1/tenants/${own.id}/rewards-catalog${query}`, { headers: { 'x-api-key': own.api_key } });
      const made = [];
      for (let i = 0; i < 3; i++) made.push(await createReward(stack, own, { slug: `r${i}` }));
      await createReward(stack, own, { slug: 'hidden', active: false });
      const all = await list('');
      expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(all.body.rewards.map((r: { slug: string }) => r.slug)).toEqual(['r0', 'r1', 'r2']);
      expect((await list('?limit=1&offset=1')).body.rewards.map((r: { slug: string }) => r.slug)).toEqual(['r1']);
      expect((await list('?active=false')).body.rewards.map((r: { slug: string }) => r.slug)).toEqual(['hidden']);
      expect((await list('?active=all')).body.total).toBe(4);
      expect((await list('?limit=0')).status).toBe(400);
      expect((await list('?active=maybe')).status).toBe(400);
    });

    it('updates only the given properties, keeps the definition valid, and soft-deletes', async () => {
      const reward = await createReward(stack, tenant);
      const updated = await admin('PUT', `/${reward.id}`, { name: 'Airtime Top-up (Updated)', stock: 500, active: true });
      expect(updated.status).toBe(200);
      // Every other property (purchase, config, fulfillment, fields, …) is exactly as created.
      const { name: _name, stock: _stock, updated_at: _updatedAt, ...unchanged } = reward;
      expect(unchanged).toMatchObject({ purchase: expect.any(Object), config: expect.any(Object), fulfillment: expect.any(Object) });
      expect(updated.body).toEqual({ ...unchanged, name: 'Airtime Top-up (Updated)', stock: 500, updated_at: expect.any(String) });
      expect((await admin('PUT', `/${reward.id}`, { fields: [{ name: 'a', label: 'A', type: 'text', min_length: 5, max_length: 2 }] })).status).toBe(400);
      const other = await createReward(stack, tenant);
      expect((await admin('PUT', `/${reward.id}`, { slug: other.slug })).status).toBe(409);
      expect((await admin('PUT', `/${reward.id}`, { unknown: 1 })).status).toBe(400);

      const deleted = await admin('DELETE', `/${reward.id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body.active).toBe(false);
      expect((await admin('GET', `/${reward.id}`)).body.active).toBe(false);
    });

    it.each(MISSING_OR_INVALID_CREDENTIALS)('401s %s on every route', async (_name, headers) => {
      const reward = await createReward(stack, tenant);
      const base = `/v1/tenants/${tenant.id}/rewards-catalog`;
      const requests: Array<[string, string, unknown?]> = [
        ['POST', base, rewardBody()],
        ['GET', base],
        ['GET', `${base}/${reward.id}`],
        ['PUT', `${base}/${reward.id}`, { name: 'Taken over' }],
        ['DELETE', `${base}/${reward.id}`],
      ];
      for (const [method, path, json] of requests) {
        const response = await call(stack.adminUrl, method, path, { headers, ...(json !== undefined ? { json } : {}) });
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
      }
      expect((await admin('GET', `/${reward.id}`)).body).toMatchObject({ name: reward['name'], active: true });
    });

    it('404s unknown and foreign rewards, 400s malformed ids', async () => {
      const foreignTenant = await createTenant(stack);
      const foreign = await createReward(stack, foreignTenant);
      expect((await admin('GET', `/${foreign.id}`)).status).toBe(404);
      expect((await admin('PUT', `/${foreign.id}`, { name: 'x' })).status).toBe(404);
      expect((await admin('DELETE', '/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await admin('GET', '/not-a-uuid')).status).toBe(400);
      const cross = await call(stack.adminUrl, 'GET', `/v1/tenants/${foreignTenant.id}/rewards-catalog/${foreign.id}`, { headers: { 'x-api-key': tenant.api_key } });
      expect(cross.status).toBe(403);
    });
  });

  describe('query gateway', () => {
    let shop: TestTenant;
    let token: string;
    beforeAll(async () => {
      shop = await createTenant(stack);
      await createReward(stack, shop, { slug: 'airtime-topup', fields: rewardBody()['fields'], stock: 100 });
      await createReward(stack, shop, { slug: 'xp-boost-100', name: '100 XP Boost', fields: [], stock: null, purchase: { prices: [{ currency: 'gold_coins', amount: 50 }] }, fulfillment: { type: 'wallet', item_type: 'xp', amount: 100 } });
      await createReward(stack, shop, { slug: 'vip-badge', purchase: null, fulfillment: { type: 'wallet', item_type: 'badge', item_id: 'vip' } });
      await createReward(stack, shop, { slug: 'gems-or-gold', purchase: { prices: [{ currency: 'gems', amount: 20 }, { currency: 'gold_coins', amount: 2000 }] } });
      await createReward(stack, shop, { slug: 'retired', active: false });
      await credit(stack, shop, 'reader', 'gold_coins', 60);
      token = userToken(shop.jwt_secret, { sub: 'reader', tenant_id: shop.id });
    });
    const get = (path: string, bearer = token) => call(stack.queryUrl, 'GET', path, { headers: { authorization: `Bearer ${bearer}` } });
    const bySlug = (body: { rewards: Array<{ slug: string }> }) => Object.fromEntries(body.rewards.map((r) => [r.slug, r]));

    it('lists active rewards in both path styles, with affordability from `balance`', async () => {
      for (const path of [`/v1/rewards/${shop.id}/catalog?balance=1500`, '/v1/rewards/catalog?balance=1500']) {
        const response = await get(path);
        expect(response.status).toBe(200);
        const rewards = bySlug(response.body);
        expect(Object.keys(rewards).sort()).toEqual(['airtime-topup', 'gems-or-gold', 'vip-badge', 'xp-boost-100']);
        expect(rewards['airtime-topup']).toEqual({
          id: expect.any(String),
          slug: 'airtime-topup',
          name: 'Airtime Top-up',
          description: 'Mobile airtime for any network',
          image_url: 'https://example.com/airtime.png',
          fields: rewardBody()['fields'],
          purchase: { prices: [{ currency: 'gold_coins', amount: 500 }] },
          stock: 100,
          requires_claim: false,
          fulfillment_type: 'api',
          affordable: true,
          points_needed: null,
        });
        expect(rewards['gems-or-gold']).toMatchObject({ affordable: true, points_needed: null });
        expect(rewards['vip-badge']).toMatchObject({ affordable: false, points_needed: null, purchase: null });
      }
    });

    it('computes points_needed per currency, and from the user’s own wallet without `balance`', async () => {
      const low = bySlug((await get('/v1/rewards/catalog?balance=100&currency=gold_coins')).body);
      expect(low['airtime-topup']).toMatchObject({ affordable: false, points_needed: 400 });
      expect(low['xp-boost-100']).toMatchObject({ affordable: true, points_needed: null });
      expect(low['gems-or-gold']).toMatchObject({ affordable: false, points_needed: 1900 });
      const mine = bySlug((await get('/v1/rewards/catalog')).body);
      expect(mine['airtime-topup']).toMatchObject({ affordable: false, points_needed: 440 });
      expect(mine['xp-boost-100']).toMatchObject({ affordable: true, points_needed: null });
      const service = userToken(shop.jwt_secret, { sub: 'backend', tenant_id: shop.id, role: 'service' });
      expect(bySlug((await get('/v1/rewards/catalog', service)).body)['airtime-topup']).toMatchObject({ affordable: null, points_needed: null });
    });

    it('filters by purchasable and pages', async () => {
      const purchasable = await get('/v1/rewards/catalog?purchasable=true');
      expect(purchasable.body.rewards.map((r: { slug: string }) => r.slug)).not.toContain('vip-badge');
      const grantOnly = await get('/v1/rewards/catalog?purchasable=false');
      expect(grantOnly.body.rewards.map((r: { slug: string }) => r.slug)).toEqual(['vip-badge']);
      const page = await get('/v1/rewards/catalog?limit=2&offset=1');
      expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(page.body.rewards).toHaveLength(2);
      expect((await get('/v1/rewards/catalog?balance=-1')).status).toBe(400);
      expect((await get('/v1/rewards/catalog?purchasable=yes')).status).toBe(400);
    });

    it('gets one reward by slug in both path styles; missing or inactive is 404', async () => {
      for (const prefix of [`/v1/rewards/${shop.id}`, '/v1/rewards']) {
        const found = await get(`${prefix}/catalog/airtime-topup`);
        expect(found.status).toBe(200);
        expect(found.body).toMatchObject({ slug: 'airtime-topup', stock: 100, purchase: { prices: [{ currency: 'gold_coins', amount: 500 }] } });
        expect(found.body.affordable).toBeUndefined();
        expect((await get(`${prefix}/catalog/retired`)).status).toBe(404);
        expect((await get(`${prefix}/catalog/nothing-here`)).status).toBe(404);
      }
    });

    it('403s a tenant path that is not the credential’s tenant, for the list and one reward', async () => {
      expect((await get(`/v1/rewards/${tenant.id}/catalog`)).status).toBe(403);
      const one = await get(`/v1/rewards/${tenant.id}/catalog/airtime-topup`);
      expect(one.status).toBe(403);
      expect(one.body.code).toBe('FORBIDDEN');
    });

    describe.each(PATH_STYLES)('%s path', (style) => {
      it.each(MISSING_OR_INVALID_CREDENTIALS)('401s %s for the list and one reward', async (_name, headers) => {
        for (const rest of ['/catalog', '/catalog/airtime-topup']) {
          const response = await call(stack.queryUrl, 'GET', rewardsPath(style, shop.id, rest), { headers });
          expect({ rest, status: response.status, code: response.body.code }).toEqual({ rest, status: 401, code: 'UNAUTHENTICATED' });
        }
      });
    });
  });
});
