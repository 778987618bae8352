import { Provider } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { Patterns, TenantAuthMaterial, TenantIdSchema } from '@phoenix/contracts';
import { GatewayAuthEnvConfig, Metrics, RateLimitConfig, ServiceClient, serviceToken } from '@phoenix/platform';
import type { Counter } from 'prom-client';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { CredentialChecks, GatewayAuthGuard } from './gateway-auth.guard';
import { AdminJwtOptions, JwtAuthenticator } from './jwt-strategies';
import { RateLimitGuard, rateLimitsOf } from './rate-limit.guard';
import { BucketLimit, RateLimiter, RateLimits } from './rate-limiter';
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

/** Refusals with 429 by scope: a tenant's or user's rate limit, or an address's failed authentications. */
const RATE_LIMITED = Symbol('RATE_LIMITED');

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
  /** Failed authentications allowed per client address. */
  authFailures: BucketLimit;
}

/** The part of a gateway's auth config read from its environment. */
export function authSettingsOf(
  config: RateLimitConfig & GatewayAuthEnvConfig,
): Pick<GatewayAuthConfig, 'credentialCache' | 'jwtMaxLifetimeSeconds' | 'rateLimits' | 'authFailures'> {
  return {
    credentialCache: { ttlMs: config.AUTH_CACHE_TTL_MS, negativeTtlMs: config.AUTH_NEGATIVE_CACHE_TTL_MS },
    jwtMaxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
    rateLimits: rateLimitsOf(config),
    authFailures: { perSecond: config.RATE_LIMIT_AUTH_FAILURES_PER_SECOND, burst: config.RATE_LIMIT_AUTH_FAILURES_BURST },
  };
}

/**
 * The tenant directory and the guards every gateway route is checked with: authentication,
 * then rate limits, which need the principal (global guards run in the order they are listed).
 */
export function gatewayAuthProviders(config: GatewayAuthConfig): Provider[] {
  const checksWith = (tenants: TenantDirectory): CredentialChecks => ({
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
      provide: RATE_LIMITED,
      inject: [Metrics],
      useFactory: (metrics: Metrics) => {
        const refused = metrics.counter(
          'rate_limited_total',
          'Requests refused with 429 by a rate limit (scope: tenant, user, or address for failed authentications)',
          ['gateway', 'scope'],
        );
        // Every series exists from the start, at 0.
        for (const scope of ['tenant', 'user', 'address'] as const) refused.inc({ gateway: config.gateway, scope }, 0);
        return refused;
      },
    },
    {
      provide: APP_GUARD,
      inject: [Reflector, TENANT_DIRECTORY, RATE_LIMITED],
      useFactory: (reflector: Reflector, tenants: CachedTenantDirectory, refused: Counter<'gateway' | 'scope'>) =>
        new GatewayAuthGuard(reflector, {
          ...checksWith(tenants),
          ...(config.platformKey ? { platformKey: config.platformKey } : {}),
          hmacWindowSeconds: config.hmacWindowSeconds,
          failures: {
            limiter: new AuthFailureLimiter(config.authFailures),
            cachedOnly: checksWith(tenants.cachedOnly),
            onRefused: () => refused.inc({ gateway: config.gateway, scope: 'address' }),
          },
        }),
    },
    {
      provide: APP_GUARD,
      inject: [RATE_LIMITED],
      useFactory: (refused: Counter<'gateway' | 'scope'>) =>
        new RateLimitGuard(new RateLimiter(config.rateLimits), (scope) => refused.inc({ gateway: config.gateway, scope })),
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
