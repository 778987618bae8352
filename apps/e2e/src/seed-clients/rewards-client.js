// Verbatim from seed 002 (Querying Rewards guide, "JavaScript Example").
// Loaded by seed-clients.e2e-spec.ts; do not edit: the test proves the documented client works as printed.
class RewardsClient {
constructor(apiUrl, jwt) {
this.apiUrl = apiUrl;
this.jwt = jwt;
}
async listRewards( balance = null) {
const params = new URLSearchParams();
if (balance !== null) {
params.set('balance', balance);
}
const url = `${this.apiUrl}/v1/rewards/catalog${params.toString() ? '?' + params : ''}`;
const response = await fetch(url, {
headers: {
'Authorization': `Bearer ${this.jwt}`,
'Content-Type': 'application/json'
}
});
return response.json();
}
async getReward( slug) {
const response = await fetch(
`${this.apiUrl}/v1/rewards/catalog/${slug}`,
{
headers: {
'Authorization': `Bearer ${this.jwt}`,
'Content-Type': 'application/json'
}
}
);
return response.json();
}
async purchase( slug, userId, currency, fields = {}) {
const response = await fetch(
`${this.apiUrl}/v1/rewards/purchase/${slug}`,
{
method: 'POST',
headers: {
'Authorization': `Bearer ${this.jwt}`,
'Content-Type': 'application/json'
},
body: JSON.stringify({
user_id: userId,
idempotency_key: `purchase_${userId}_${slug}_${Date.now()}`,
currency,
fields
})
}
);
if (!response.ok) {
const error = await response.json();
throw new Error(error.message || 'Purchase failed');
}
return response.json();
}
async listOrders( userId, options = {}) {
const params = new URLSearchParams(options);
const response = await fetch(
`${this.apiUrl}/v1/rewards/orders/${userId}?${params}`,
{
headers: {
'Authorization': `Bearer ${this.jwt}`,
'Content-Type': 'application/json'
}
}
);
return response.json();
}
async claim( orderId, userId, fields) {
const response = await fetch(
`${this.apiUrl}/v1/rewards/orders/${orderId}/claim`,
{
method: 'POST',
headers: {
'Authorization': `Bearer ${this.jwt}`,
'Content-Type': 'application/json'
},
body: JSON.stringify({ user_id: userId, fields })
}
);
return response.json();
}
}
