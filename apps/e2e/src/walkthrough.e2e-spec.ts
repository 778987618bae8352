import { call, createTenant, StackInfo } from '@phoenix/testing';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { eachMode } from './stacks';

// The README's walk-through, step by step, in both run modes.
describe.each(eachMode())('walk-through (%s)', (_mode, stack: StackInfo) => {
  it('creates a tenant, credits a wallet with the API key and reads it as the user', async () => {
    const tenant = await createTenant(stack);
    expect(tenant).toEqual(
      expect.objectContaining({
        api_key: expect.stringMatching(/^phx_/),
        jwt_secret: expect.any(String),
        hmac_secret: expect.any(String),
        webhook_secret: expect.any(String),
        created_at: expect.any(String),
      }),
    );

    const credit = await call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/wallets/user_123/transactions`, {
      headers: { 'x-api-key': tenant.api_key },
      json: { type: 'credit', currency: 'gold_coins', amount: 1500, reason: 'welcome bonus', idempotency_key: 'welcome-user_123' },
    });
    expect(credit.status).toBe(201);
    expect(credit.body).toMatchObject({ transaction: { balance_after: 1500, amount: 1500 }, was_cached: false });

    // The documented helper, npm run token -- --tenant T --user U: with the secret given, or read
    // from the running platform's database (standalone: through DATA_DIR/standalone.json).
    // Distributed: the key the apps seal the tenant's jwt_secret with, as an operator has it.
    const where = stack.mode === 'standalone' ? { DATA_DIR: stack.dataDir!, DATABASE_URL: '' } : { DATABASE_URL: stack.databaseUrl!, SECRETS_KEY: stack.secretsKey! };
    for (const extra of [['--secret', tenant.jwt_secret], []]) {
      const token = execFileSync(
        process.execPath,
        [resolve(__dirname, '../../../tools/scripts/mint-token.mjs'), '--tenant', tenant.id, '--user', 'user_123', ...extra],
        { encoding: 'utf8', env: { ...process.env, PHOENIX_JWT_SECRET: '', ...where } },
      ).trim();
      const wallet = await call(stack.queryUrl, 'GET', '/v1/wallets/user_123', { headers: { authorization: `Bearer ${token}` } });
      expect(wallet.status).toBe(200);
      expect(wallet.body).toEqual({ tenant_id: tenant.id, user_id: 'user_123', balances: { gold_coins: 1500 }, xp: 0, badges: [] });
    }
  });

  it('shows a tenant without its secrets and rotates keys', async () => {
    const tenant = await createTenant(stack);
    const got = await call(stack.adminUrl, 'GET', `/v1/tenants/${tenant.id}`, { headers: { 'x-api-key': stack.platformKey } });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ id: tenant.id, name: tenant.name, allowed_origins: [], created_at: expect.any(String), updated_at: expect.any(String) });

    const rotated = await call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/keys`, {
      headers: { 'x-api-key': stack.platformKey },
      json: { keys: ['api_key'] },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.api_key).toMatch(/^phx_/);
    expect(rotated.body.jwt_secret).toBeUndefined();
    const fresh = await call(stack.adminUrl, 'GET', `/v1/tenants/${tenant.id}/wallets/u1`, { headers: { 'x-api-key': rotated.body.api_key } });
    expect(fresh.status).toBe(200);
  });

  it('refuses a duplicate tenant id with 409', async () => {
    const tenant = await createTenant(stack);
    const again = await call(stack.adminUrl, 'POST', '/v1/tenants', {
      headers: { 'x-api-key': stack.platformKey },
      json: { id: tenant.id, name: 'again' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringContaining(tenant.id) });
  });
});
