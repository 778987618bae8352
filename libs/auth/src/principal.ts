/** Who is calling, established by a gateway from the request's credential. */
export type Principal =
  | { kind: 'platform' }
  | { kind: 'tenant-admin'; tenantId: string; via: 'api-key' | 'admin-jwt'; subject?: string }
  | { kind: 'tenant-user'; tenantId: string; userId: string }
  | { kind: 'tenant-service'; tenantId: string; via: 'service-jwt' | 'hmac' };

export type AuthScheme = 'platform-key' | 'tenant-api-key' | 'admin-jwt' | 'user-jwt' | 'hmac';

export function principalTenant(principal: Principal): string | undefined {
  return principal.kind === 'platform' ? undefined : principal.tenantId;
}
