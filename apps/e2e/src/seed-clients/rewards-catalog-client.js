// Verbatim from seed 001 (Rewards Catalog guide, "JavaScript Integration Example").
// Loaded by seed-clients.e2e-spec.ts; do not edit: the test proves the documented client works as printed.
class RewardsCatalogClient {
  constructor(apiUrl, jwt) {
    this.apiUrl = apiUrl;
    this.jwt = jwt;
  }

  async listRewards(tenantId, balance = null) {
    const params = new URLSearchParams();
    if (balance !== null) {
      params.set('balance', balance);
    }
    
    const url = `${this.apiUrl}/v1/rewards/${tenantId}/catalog${params.toString() ? '?' + params : ''}`;
    const response = await fetch(url, {
      headers: {
        'Authorization': `Bearer ${this.jwt}`,
        'Content-Type': 'application/json'
      }
    });
    return response.json();
  }

  async getReward(tenantId, slug) {
    const response = await fetch(
      `${this.apiUrl}/v1/rewards/${tenantId}/catalog/${slug}`,
      {
        headers: {
          'Authorization': `Bearer ${this.jwt}`,
          'Content-Type': 'application/json'
        }
      }
    );
    return response.json();
  }

  async purchase(tenantId, slug, userId, currency, fields = {}) {
    const response = await fetch(
      `${this.apiUrl}/v1/rewards/${tenantId}/purchase/${slug}`,
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

  async listOrders(tenantId, userId, options = {}) {
    const params = new URLSearchParams(options);
    
    const response = await fetch(
      `${this.apiUrl}/v1/rewards/${tenantId}/orders/${userId}?${params}`,
      {
        headers: {
          'Authorization': `Bearer ${this.jwt}`,
          'Content-Type': 'application/json'
        }
      }
    );
    return response.json();
  }

  async claim(tenantId, orderId, userId, fields) {
    const response = await fetch(
      `${this.apiUrl}/v1/rewards/${tenantId}/orders/${orderId}/claim`,
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

  async getRecentFields(tenantId, userId) {
    const response = await fetch(
      `${this.apiUrl}/v1/rewards/${tenantId}/recent-fields?user_id=${userId}`,
      {
        headers: {
          'Authorization': `Bearer ${this.jwt}`,
          'Content-Type': 'application/json'
        }
      }
    );
    return response.json();
  }
}
