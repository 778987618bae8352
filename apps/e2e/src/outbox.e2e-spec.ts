import { parseEvent } from '@phoenix/contracts';
import { call, createReward, createTenant, credit, sqlRows, userToken } from '@phoenix/testing';
import { stacks } from './stacks';

// Every state change writes its events to the outbox in the same transaction (read here
// straight from Postgres, so distributed mode only).
describe('outbox events (distributed)', () => {
  const stack = stacks().find((s) => s.mode === 'distributed')!;

  async function events(orderId: string) {
    const rows = await sqlRows<{ envelope: unknown }>(stack.databaseUrl!, `SELECT envelope FROM catalog.outbox WHERE aggregate_id = $1 ORDER BY id`, [orderId]);
    return rows.map((r) => parseEvent(r.envelope));
  }


  it('grant → claim → manual completion, and purchase → refund, each with its events and versions', async () => {
    const tenant = await createTenant(stack);
    const admin = (method: string, path: string, json?: unknown) =>
      call(stack.adminUrl, method, `/v1/tenants/${tenant.id}${path}`, { headers: { 'x-api-key': tenant.api_key }, ...(json ? { json } : {}) });
    const reward = await createReward(stack, tenant, { requires_claim: true, fulfillment: { type: 'manual' }, purchase: { prices: [{ currency: 'gold', amount: 10 }] } });
    const granted = (await admin('POST', '/grants', { user_id: 'u1', reward_id: reward.id, source_type: 'wheel', source_ref: 'spin-1', source_name: 'Daily Wheel', source_context: 'daily', metadata: { spin: 3 } })).body.order;
    const token = userToken(tenant.jwt_secret, { sub: 'u1', tenant_id: tenant.id });
    await call(stack.queryUrl, 'POST', `/v1/rewards/orders/${granted.id}/claim`, {
      headers: { authorization: `Bearer ${token}` },
      json: { user_id: 'u1', fields: { phone_number: '+251912345678' } },
    });
    await admin('PUT', `/reward-orders/${granted.id}`, { status: { state: 'completed', tracking_number: 'T-1' } });

    const grantEvents = await events(granted.id);
    expect(grantEvents.map((e) => [e.event_type, (e.data as { version: number }).version, (e.data as { state: string }).state])).toEqual([
      ['order.created', 1, 'pending_claim'],
      ['order.claimed', 2, 'fulfilling'],
      ['order.fulfilling', 2, 'fulfilling'],
      ['order.completed', 3, 'completed'],
    ]);
    expect(grantEvents[3]!.data).toMatchObject({
      source_type: 'wheel',
      source_ref: 'spin-1',
      source_name: 'Daily Wheel',
      source_context: 'daily',
      metadata: { spin: 3 },
      fulfillment_type: 'manual',
      fulfillment_data: { type: 'manual', tracking_number: 'T-1' },
      price: null,
    });
    expect(new Set(grantEvents.map((e) => e.event_id)).size).toBe(4);

    await credit(stack, tenant, 'u1', 'gold', 10);
    const bought = (await call(stack.queryUrl, 'POST', `/v1/rewards/purchase/${reward.slug}`, {
      headers: { authorization: `Bearer ${token}` },
      json: { user_id: 'u1', idempotency_key: 'b1', currency: 'gold', fields: {} },
    })).body.order;
    await call(stack.queryUrl, 'POST', `/v1/rewards/orders/${bought.id}/claim`, {
      headers: { authorization: `Bearer ${token}` },
      json: { user_id: 'u1', fields: { phone_number: '+251912345678' } },
    });
    await admin('POST', `/reward-orders/${bought.id}/refund`, { reason: 'changed mind' });
    await admin('POST', `/reward-orders/${bought.id}/refund`, { reason: 'twice' });
    expect((await events(bought.id)).map((e) => e.event_type)).toEqual(['order.created', 'order.claimed', 'order.fulfilling', 'order.refunded']);
  });
});
