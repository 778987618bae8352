// Seed 001/002 "List Purchasable Rewards" and "Get Reward Details": the back office puts the
// seed's two rewards in the catalog (once), then a user browses it with an affordability check.
import { unwrap, type AdminSchemas } from '@phoenix/sdk';
import { admin, asUser, inTenant } from './setup.ts';

const seedRewards: AdminSchemas['CreateRewardBody'][] = [
  {
    slug: 'airtime-topup',
    name: 'Airtime Top-up',
    description: 'Mobile airtime for any network',
    image_url: 'https://example.com/airtime.png',
    fields: [{ name: 'phone_number', label: 'Phone Number', required: true, type: 'text', pattern: '^\\+251[0-9]{9}$', placeholder: '+251912345678' }],
    fulfillment: { type: 'manual', notes: 'Top up the number' },
    purchase: { prices: [{ currency: 'gold_coins', amount: 500 }] },
    stock: 100,
  },
  {
    slug: 'xp-boost-100',
    name: '100 XP Boost',
    description: 'Instant 100 XP boost',
    fulfillment: { type: 'wallet', item_type: 'xp', amount: 100 },
    purchase: { prices: [{ currency: 'gold_coins', amount: 50 }] },
  },
];

for (const body of seedRewards) {
  const { error, response } = await admin.POST('/v1/tenants/{tenant_id}/rewards-catalog', { params: { path: inTenant }, body });
  // 409 CONFLICT: the slug is taken, i.e. an earlier run created it.
  if (error && error.code !== 'CONFLICT') throw new Error(`creating ${body.slug}: ${response.status} ${error.message}`);
  console.log(`reward ${body.slug}: ${error ? 'already there' : 'created'}`);
}

const user = await asUser();
const { rewards } = await unwrap(user.GET('/v1/rewards/catalog', { params: { query: { balance: 100 } } }));
console.log(`available rewards: ${rewards.length}`);
for (const reward of rewards) {
  const price = reward.purchase?.prices[0];
  const verdict = reward.affordable ? 'affordable' : `needs ${reward.points_needed} more`;
  console.log(`  ${reward.slug}: ${reward.name}, ${price ? `${price.amount} ${price.currency}` : 'not for sale'}, ${verdict} with 100`);
}

const details = await unwrap(user.GET('/v1/rewards/catalog/{slug}', { params: { path: { slug: 'airtime-topup' } } }));
console.log(`details of airtime-topup: fields ${details.fields.map((f) => f.name).join(', ')}, stock ${details.stock}`);
