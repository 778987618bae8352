// Seed 000 "Get User's Order History" and seed 001/002 "List User Orders": the user's orders
// from the record of value, then the grant history and its summary from ClickHouse (an order
// reaches the history within about two seconds, so a fresh one is waited for).
import { unwrap } from '@phoenix/sdk';
import { asUser, userId } from './setup.ts';

const user = await asUser();
const { orders, total } = await unwrap(user.GET('/v1/rewards/orders/{user_id}', { params: { path: { user_id: userId }, query: { limit: 20 } } }));
console.log(`orders: ${total}`);
for (const order of orders) console.log(`  ${order.created_at}: ${order.reward_name} (${order.source_type}) ${order.status.state}`);
const [latest] = orders;
if (!latest) throw new Error('no orders yet: run purchase.ts or claim.ts first');
const detail = await unwrap(user.GET('/v1/rewards/orders/{user_id}/{order_id}', { params: { path: { user_id: userId, order_id: latest.id } } }));
console.log(`latest order: ${detail.id} fields ${JSON.stringify(detail.fields)}`);

const deadline = Date.now() + 10_000;
let history = await unwrap(user.GET('/v1/orders/user/{user_id}', { params: { path: { user_id: userId } } }));
while (history.total < total && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  history = await unwrap(user.GET('/v1/orders/user/{user_id}', { params: { path: { user_id: userId } } }));
}
console.log(`grant history: ${history.total}`);
for (const grant of history.grants) console.log(`  ${grant.grant_time}: ${grant.item_name} from ${grant.source_type} (${grant.reward_type})`);

const summary = await unwrap(user.GET('/v1/rewards/user/{user_id}/summary', { params: { path: { user_id: userId } } }));
console.log(`summary: ${summary.total_grants} grants, ${summary.by_source.map((s) => `${s.source_type} ${s.count}`).join(', ')}`);
