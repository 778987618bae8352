// Seed 001/002 "Purchase Reward": the back office credits the user's wallet, the user buys the
// seed's airtime top-up (run catalog.ts first), and a resend with the same idempotency key gets
// the same order back. Errors come typed: a purchase beyond the balance is 402 INSUFFICIENT_BALANCE.
import { unwrap } from '@phoenix/sdk';
import { admin, asUser, inTenant, userId } from './setup.ts';

const run = Date.now();
await unwrap(
  admin.POST('/v1/tenants/{tenant_id}/wallets/{user_id}/transactions', {
    params: { path: { ...inTenant, user_id: userId } },
    body: { type: 'credit', currency: 'gold_coins', amount: 600, reason: 'welcome bonus', idempotency_key: `welcome-${userId}-${run}` },
  }),
);
const user = await asUser();
const { balances } = await unwrap(user.GET('/v1/wallets/{user_id}', { params: { path: { user_id: userId } } }));
console.log(`balance: ${balances['gold_coins']} gold_coins`);

const body = { user_id: userId, idempotency_key: `purchase_${userId}_airtime_${run}`, currency: 'gold_coins', fields: { phone_number: '+251912345678' } };
const purchase = () => user.POST('/v1/rewards/purchase/{slug}', { params: { path: { slug: 'airtime-topup' } }, body });
const { order, was_cached } = await unwrap(purchase());
console.log(`order ${order.id}: ${order.status.state}, was_cached ${was_cached}`);
const again = await unwrap(purchase());
console.log(`same key again: order ${again.order.id === order.id ? 'the same' : 'ANOTHER'}, was_cached ${again.was_cached}`);

const { error, response } = await user.POST('/v1/rewards/purchase/{slug}', {
  params: { path: { slug: 'airtime-topup' } },
  body: { ...body, idempotency_key: `purchase_${userId}_airtime_${run}_2` },
});
if (error?.code === 'INSUFFICIENT_BALANCE') console.log(`second airtime: ${response.status} ${error.code} (${error.message})`);
else throw new Error(`expected INSUFFICIENT_BALANCE, got ${response.status} ${error?.code ?? 'success'}`);

const { fields } = await unwrap(user.GET('/v1/rewards/recent-fields', { params: { query: { user_id: userId } } }));
console.log(`recent fields: ${JSON.stringify(fields)}`);
