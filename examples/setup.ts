// What every example needs: where the gateways are and the tenant's credentials, from the
// environment as a tenant's backend would have them (the root README's walk-through prints them).
import { createAdminClient, createQueryClient, mintUserToken, type QueryClient } from '@phoenix/sdk';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see examples/README.md)`);
  return value;
}

export const tenant = {
  id: required('PHOENIX_TENANT_ID'),
  apiKey: required('PHOENIX_API_KEY'),
  jwtSecret: required('PHOENIX_JWT_SECRET'),
  hmacSecret: required('PHOENIX_HMAC_SECRET'),
};
export const queryUrl = process.env['PHOENIX_QUERY_URL'] ?? 'http://localhost:3000';
export const adminUrl = process.env['PHOENIX_ADMIN_URL'] ?? 'http://localhost:3001';
export const userId = process.env['PHOENIX_USER_ID'] ?? 'user_123';

/** The back office: the tenant's API key on the admin gateway. */
export const admin = createAdminClient({ baseUrl: adminUrl, apiKey: tenant.apiKey });
export const inTenant = { tenant_id: tenant.id };

/** The app of a signed-in user: a token the tenant's backend minted for them. */
export async function asUser(id = userId): Promise<QueryClient> {
  const token = await mintUserToken({ secret: tenant.jwtSecret, tenantId: tenant.id, userId: id, expiresInSeconds: 900 });
  return createQueryClient({ baseUrl: queryUrl, token });
}
