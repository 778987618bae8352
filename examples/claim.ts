// Seed 001/002 "Claim Order": the back office grants a reward that needs the user's details
// (a leaderboard prize shipped by hand); the user sees the pending order, claims it with the
// fields, and the back office completes the shipment.
import { unwrap } from '@phoenix/sdk';
import { admin, asUser, inTenant, userId } from './setup.ts';

const slug = `hoodie-${Date.now()}`;
const hoodie = await unwrap(
  admin.POST('/v1/tenants/{tenant_id}/rewards-catalog', {
    params: { path: inTenant },
    body: {
      slug,
      name: 'Champion Hoodie',
      requires_claim: true,
      fields: [
        { name: 'phone_number', label: 'Phone Number', required: true, type: 'text', pattern: '^\\+[0-9]{10,15}$' },
        { name: 'address', label: 'Shipping Address', required: true, type: 'text', multiline: true, max_length: 500 },
      ],
      fulfillment: { type: 'manual', notes: "Ship to user's address" },
    },
  }),
);
const { order: granted } = await unwrap(
  admin.POST('/v1/tenants/{tenant_id}/grants', {
    params: { path: inTenant },
    body: { user_id: userId, reward_id: hoodie.id, source_type: 'leaderboard', source_ref: `weekly_top10_${slug}`, source_name: 'Weekly Top Players', source_context: '2025-W01' },
  }),
);
console.log(`granted ${hoodie.slug}: order ${granted.id} ${granted.status.state}`);

const user = await asUser();
const pending = await unwrap(user.GET('/v1/rewards/orders/{user_id}', { params: { path: { user_id: userId }, query: { status: 'pending_claim' } } }));
console.log(`pending claims: ${pending.orders.filter((o) => o.id === granted.id).length} for this order`);

const refused = await user.POST('/v1/rewards/orders/{order_id}/claim', { params: { path: { order_id: granted.id } }, body: { user_id: userId, fields: { phone_number: 'call me' } } });
console.log(`claim with bad fields: ${refused.response.status} ${refused.error?.code}: ${refused.error?.details?.map((d) => d.path).join(', ')}`);

const { order: claimed } = await unwrap(
  user.POST('/v1/rewards/orders/{order_id}/claim', {
    params: { path: { order_id: granted.id } },
    body: { user_id: userId, fields: { phone_number: '+251912345678', address: '123 Main St, Addis Ababa' } },
  }),
);
console.log(`claimed: ${claimed.status.state}`);

const shipped = await unwrap(
  admin.PUT('/v1/tenants/{tenant_id}/reward-orders/{order_id}', {
    params: { path: { ...inTenant, order_id: granted.id } },
    body: { status: { state: 'completed', tracking_number: 'ET-0001' } },
  }),
);
console.log(`back office: ${shipped.status.state}`);
