import { Principal, principalTenant } from '@phoenix/auth';

/** On the query gateway every caller belongs to a tenant: its id comes from the credential. */
export function tenantOf(principal: Principal): string {
  const tenantId = principalTenant(principal);
  if (!tenantId) throw new Error('query gateway principal without a tenant');
  return tenantId;
}
