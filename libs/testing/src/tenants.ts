import { randomBytes } from 'node:crypto';
import { ApiResponse, call, settled } from './http';
import type { StackInfo } from './stack';
import { userToken } from './tokens';

export interface TestTenant {
  id: string;
  name: string;
  api_key: string;
  jwt_secret: string;
  hmac_secret: string;
  webhook_secret: string;
}

/** Creates a tenant with a unique id through the admin gateway. */
export async function createTenant(stack: Pick<StackInfo, 'adminUrl' | 'platformKey'>, overrides: Record<string, unknown> = {}): Promise<TestTenant> {
  const id = `t_${randomBytes(5).toString('hex')}`;
  const response = await call<TestTenant>(stack.adminUrl, 'POST', '/v1/tenants', {
    headers: { 'x-api-key': stack.platformKey },
    json: { id, name: `Tenant ${id}`, ...overrides },
  });
  if (response.status !== 201) throw new Error(`tenant creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Credits a wallet through the admin gateway. */
export async function credit(stack: Pick<StackInfo, 'adminUrl'>, tenant: TestTenant, userId: string, currency: string, amount: number): Promise<void> {
  const json = { type: 'credit', currency, amount, reason: 'test funding', idempotency_key: `fund-${randomBytes(8).toString('hex')}` };
  const response = await settled(() =>
    call(stack.adminUrl, 'POST', `/v1/tenants/${tenant.id}/wallets/${userId}/transactions`, { headers: { 'x-api-key': tenant.api_key }, json }),
  );
  if (response.status !== 201) throw new Error(`credit failed: ${response.status} ${JSON.stringify(response.body)}`);
}

export interface TenantCalls {
  /** The admin gateway under `/v1/tenants/{tenant_id}`, with the tenant's API key. */
  admin(method: string, path: string, json?: unknown): Promise<ApiResponse>;
  /** The query gateway as one of the tenant's users (a user JWT). */
  asUser(userId: string, method: string, path: string, json?: unknown): Promise<ApiResponse>;
}

export function tenantCalls(stack: Pick<StackInfo, 'adminUrl' | 'queryUrl'>, tenant: TestTenant): TenantCalls {
  const withJson = (json: unknown) => (json !== undefined ? { json } : {});
  return {
    admin: (method, path, json) =>
      call(stack.adminUrl, method, `/v1/tenants/${tenant.id}${path}`, { headers: { 'x-api-key': tenant.api_key }, ...withJson(json) }),
    asUser: (userId, method, path, json) =>
      call(stack.queryUrl, method, path, {
        headers: { authorization: `Bearer ${userToken(tenant.jwt_secret, { sub: userId, tenant_id: tenant.id })}` },
        ...withJson(json),
      }),
  };
}
