import type { WalletView } from '@phoenix/contracts';
import { call, createTenant, credit, settled, settledBurst, sqlRows, StackInfo, TestTenant, userToken } from '@phoenix/testing';
import { eachMode } from './stacks';

function debit(stack: StackInfo, tenant: TestTenant, userId: string, amount: number, key: string) {
  return call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/wallets/${userId}/transactions`, {
    headers: { 'x-api-key': tenant.api_key },
    json: { type: 'debit', currency: 'gold', amount, reason: 'spend', idempotency_key: key },
  });
}

/** A debit resent on a 503 with the same idempotency key: exactly one of 201 or 402 comes back. */
const settledDebit = (stack: StackInfo, tenant: TestTenant, userId: string, amount: number, key: string) =>
  settled(() => debit(stack, tenant, userId, amount, key));

async function wallet(stack: StackInfo, tenant: TestTenant, userId: string) {
  const response = await call(stack.queryUrl, 'GET', `/v1/wallets/${userId}`, {
    headers: { authorization: `Bearer ${userToken(tenant.jwt_secret, { sub: userId, tenant_id: tenant.id })}` },
  });
  expect(response.status).toBe(200);
  return response.body as WalletView;
}

/** Sum of the ledger and the stored balance, read straight from Postgres. */
async function ledgerAndBalance(databaseUrl: string, tenantId: string, userId: string) {
  const [row] = await sqlRows<{ ledger: number; balance: number; entries: number }>(
    databaseUrl,
    `SELECT (SELECT COALESCE(SUM(amount), 0) FROM catalog.wallet_ledger WHERE tenant_id = $1 AND user_id = $2 AND currency = 'gold')::int AS ledger,
            (SELECT balance FROM catalog.wallet_balances WHERE tenant_id = $1 AND user_id = $2 AND currency = 'gold')::int AS balance,
            (SELECT count(*) FROM catalog.wallet_ledger WHERE tenant_id = $1 AND user_id = $2)::int AS entries`,
    [tenantId, userId],
  );
  return row;
}

describe.each(eachMode())('wallets (%s)', (mode, stack: StackInfo) => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTenant(stack);
  });

  it('100 concurrent debits of 10 against 500: exactly 50 succeed, 50 get 402, balance ends at 0', async () => {
    await credit(stack, tenant, 'racer', 'gold', 500);
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => settledDebit(stack, tenant, 'racer', 10, `race-${i}`)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 402)).toHaveLength(50);
    for (const r of responses.filter((x) => x.status === 402)) {
      expect(r.body).toMatchObject({ statusCode: 402, error: 'Payment Required', code: 'INSUFFICIENT_BALANCE' });
    }
    const balancesAfter = responses.filter((r) => r.status === 201).map((r) => r.body.transaction.balance_after).sort((a, b) => a - b);
    expect(balancesAfter).toEqual(Array.from({ length: 50 }, (_, i) => i * 10));
    expect((await wallet(stack, tenant, 'racer')).balances).toEqual({ gold: 0 });
    if (mode === 'distributed') {
      expect(await ledgerAndBalance(stack.databaseUrl!, tenant.id, 'racer')).toEqual({ ledger: 0, balance: 0, entries: 51 });
    }
  });

  it('replays a key with the same request, refuses it with another (409), and replays errors', async () => {
    await credit(stack, tenant, 'idem', 'gold', 100);
    const first = await debit(stack, tenant, 'idem', 30, 'once');
    const again = await debit(stack, tenant, 'idem', 30, 'once');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.was_cached).toBe(true);
    expect(again.body.transaction.id).toBe(first.body.transaction.id);

    const changed = await debit(stack, tenant, 'idem', 31, 'once');
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('IDEMPOTENCY_MISMATCH');

    const tooMuch = await debit(stack, tenant, 'idem', 1000, 'big');
    expect(tooMuch.status).toBe(402);
    await credit(stack, tenant, 'idem', 'gold', 5000);
    const replayedError = await debit(stack, tenant, 'idem', 1000, 'big');
    expect(replayedError.status).toBe(402);
    expect((await wallet(stack, tenant, 'idem')).balances).toEqual({ gold: 5070 });
  });

  it('20 parallel requests with one key make one transaction', async () => {
    await credit(stack, tenant, 'burst', 'gold', 100);
    const { responses, busy } = await settledBurst(20, () => debit(stack, tenant, 'burst', 7, 'same-key'));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => r.body.transaction.id)).size).toBe(1);
    const fresh = responses.filter((r) => r.body.was_cached === false).length;
    expect(fresh === 1 || (fresh === 0 && busy > 0)).toBe(true);
    expect((await wallet(stack, tenant, 'burst')).balances).toEqual({ gold: 93 });
    if (mode === 'distributed') {
      expect(await ledgerAndBalance(stack.databaseUrl!, tenant.id, 'burst')).toEqual({ ledger: 93, balance: 93, entries: 2 });
    }
  });

  it('keeps XP apart from currencies, and a user id that is a currency name does not clash', async () => {
    const response = await call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/wallets/xp-user/transactions`, {
      headers: { 'x-api-key': tenant.api_key },
      json: { type: 'credit', asset: 'xp', amount: 250, reason: 'level up', idempotency_key: 'xp-1' },
    });
    expect(response.status).toBe(201);
    expect(response.body.transaction).toMatchObject({ asset: 'xp', currency: null, balance_after: 250 });
    await credit(stack, tenant, 'xp-user', 'xp', 3);
    expect(await wallet(stack, tenant, 'xp-user')).toMatchObject({ xp: 250, balances: { xp: 3 } });
  });

  it('grants a badge once, refuses a second grant (409), and revokes it', async () => {
    const badge = (type: 'credit' | 'debit', key: string) =>
      call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/wallets/fan/transactions`, {
        headers: { 'x-api-key': tenant.api_key },
        json: { type, asset: 'badge', badge_id: 'vip_badge_2026', reason: 'vip', idempotency_key: key },
      });
    const granted = await badge('credit', 'b1');
    expect(granted.status).toBe(201);
    expect(granted.body.transaction).toMatchObject({ asset: 'badge', badge_id: 'vip_badge_2026', currency: null, amount: 1, balance_after: 1 });
    expect((await wallet(stack, tenant, 'fan')).badges).toEqual([{ badge_id: 'vip_badge_2026', granted_at: expect.any(String) }]);
    expect((await badge('credit', 'b2')).status).toBe(409);
    expect((await badge('debit', 'b3')).status).toBe(201);
    expect((await wallet(stack, tenant, 'fan')).badges).toEqual([]);
    expect((await badge('debit', 'b4')).status).toBe(409);
    const missingId = await call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/wallets/fan/transactions`, {
      headers: { 'x-api-key': tenant.api_key },
      json: { type: 'credit', asset: 'badge', amount: 5, reason: 'vip', idempotency_key: 'b5' },
    });
    expect(missingId.status).toBe(400);
    expect(missingId.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['amount', 'badge_id']);
  });
});
