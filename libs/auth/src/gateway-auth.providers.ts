import { Provider } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { Patterns, TenantAuthMaterial, TenantIdSchema } from '@phoenix/contracts';
import { GatewayAuthEnvConfig, Metrics, RateLimitConfig, ServiceClient, serviceToken } from '@phoenix/platform';
import { GatewayAuthGuard } from './gateway-auth.guard';
import { AdminJwtOptions, JwtAuthenticator } from './jwt-strategies';
import { RateLimitGuard, rateLimitsOf } from './rate-limit.guard';
import { RateLimiter, RateLimits } from './rate-limiter';
import { CachedTenantDirectory, CredentialCacheOptions, TENANT_DIRECTORY, TenantDirectory } from './tenant-directory';

/** Tenants' credentials as rewards-catalog (their owner) knows them. */
class CatalogTenantDirectory implements TenantDirectory {
  constructor(private readonly catalog: ServiceClient) {}

  async tenantForApiKeyHash(apiKeyHash: string): Promise<string | null> {
    const found = await this.catalog.send(Patterns.tenantsResolveApiKey, { api_key_hash: apiKeyHash });
    return found?.tenant_id ?? null;
  }

  /** A malformed id names no tenant: the catalog would refuse it as bad input, so it is not asked. */
  async authMaterial(tenantId: string): Promise<TenantAuthMaterial | null> {
    if (!TenantIdSchema.safeParse(tenantId).success) return null;
    return this.catalog.send(Patterns.tenantsAuthMaterial, { tenant_id: tenantId });
  }
}

export interface GatewayAuthConfig {
  /** The app name, a label of the rate-limit metric. */
  gateway: string;
  platformKey?: string;
  admin?: AdminJwtOptions;
  /** Whether tenant user JWTs are accepted (query gateway). */
  userJwt: boolean;
  hmacWindowSeconds: number;
  credentialCache: CredentialCacheOptions;
  /** Longest accepted JWT lifetime (`exp` − `iat`, or `exp` − now without `iat`). */
  jwtMaxLifetimeSeconds: number;
  rateLimits: RateLimits;
}

/** The part of a gateway's auth config read from its environment. */
export function authSettingsOf(
  config: RateLimitConfig & GatewayAuthEnvConfig,
): Pick<GatewayAuthConfig, 'credentialCache' | 'jwtMaxLifetimeSeconds' | 'rateLimits'> {
  return {
    credentialCache: { ttlMs: config.AUTH_CACHE_TTL_MS, negativeTtlMs: config.AUTH_NEGATIVE_CACHE_TTL_MS },
    jwtMaxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
    rateLimits: rateLimitsOf(config),
  };
}

/**
 * The tenant directory and the guards every gateway route is checked with: authentication,
 * then rate limits, which need the principal (global guards run in the order they are listed).
 */
export function gatewayAuthProviders(config: GatewayAuthConfig): Provider[] {
  const checksWith = (tenants: TenantDirectory) => ({
    tenants,
    jwt: new JwtAuthenticator({
      ...(config.admin ? { admin: config.admin } : {}),
      ...(config.userJwt ? { tenants } : {}),
      maxLifetimeSeconds: config.jwtMaxLifetimeSeconds,
    }),
  });
  return [
    {
      provide: TENANT_DIRECTORY,
      inject: [serviceToken('rewards-catalog')],
      useFactory: (catalog: ServiceClient) => new CachedTenantDirectory(new CatalogTenantDirectory(catalog), config.credentialCache),
    },
    {
      provide: APP_GUARD,
      inject: [Reflector, TENANT_DIRECTORY],
      useFactory: (reflector: Reflector, tenants: TenantDirectory) =>
        new GatewayAuthGuard(reflector, {
          ...checksWith(tenants),
          ...(config.platformKey ? { platformKey: config.platformKey } : {}),
          hmacWindowSeconds: config.hmacWindowSeconds,
        }),
    },
    {
      provide: APP_GUARD,
      inject: [Metrics],
      useFactory: (metrics: Metrics) => {
        const refused = metrics.counter('rate_limited_total', 'Requests refused with 429 by a rate limit (scope: tenant or user)', [
          'gateway',
          'scope',
        ]);
        // Both series exist from the start, at 0.
        for (const scope of ['tenant', 'user'] as const) refused.inc({ gateway: config.gateway, scope }, 0);
        return new RateLimitGuard(new RateLimiter(config.rateLimits), (scope) =>
          refused.inc({ gateway: config.gateway, scope }),
        );
      },
    },
  ];
}

/** OpenAPI security schemes matching the AuthScheme names used with `@Auth()`. */
export const OPENAPI_SECURITY_SCHEMES = {
  'platform-key': { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The platform operator key' },
  'tenant-api-key': { type: 'apiKey', in: 'header', name: 'X-API-Key', description: "A tenant's API key" },
  'admin-jwt': { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Admin JWT (sub, tenant_id, role "admin", exp)' },
  'user-jwt': {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "Tenant user JWT, HS256 with the tenant's jwt_secret (sub, tenant_id, exp, optional role \"service\")",
  },
  hmac: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Phoenix-Signature',
    description:
      'Hex HMAC-SHA256 of `${timestamp}.${METHOD}.${path+query}.${rawBody}` with the tenant hmac_secret; also send X-Phoenix-Tenant and X-Phoenix-Timestamp',
  },
} as const;
