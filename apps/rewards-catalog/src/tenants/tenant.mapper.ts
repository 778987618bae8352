import type { TenantView } from '@phoenix/contracts';
import type { TenantRow } from '@phoenix/persistence';

export function toTenantView(tenant: TenantRow): TenantView {
  return {
    id: tenant.id,
    name: tenant.name,
    allowed_origins: tenant.allowedOrigins,
    created_at: tenant.createdAt.toISOString(),
    updated_at: tenant.updatedAt.toISOString(),
  };
}
