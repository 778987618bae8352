import { Principal, principalTenant } from '@phoenix/auth';
import { TenantIdSchema } from '@phoenix/contracts';
import { ApiPathParameter } from '@phoenix/platform';

/** On the query gateway every caller belongs to a tenant: its id comes from the credential. */
export function tenantOf(principal: Principal): string {
  const tenantId = principalTenant(principal);
  if (!tenantId) throw new Error('query gateway principal without a tenant');
  return tenantId;
}

/**
 * The `/v1/rewards/{tenant_id}/…` path style names the tenant the credential already gives;
 * the document describes it on those operations only.
 */
export const TenantInPath = () =>
  ApiPathParameter({ name: 'tenant_id', description: 'The caller’s tenant: must be the credential’s (else 403)', schema: TenantIdSchema });
