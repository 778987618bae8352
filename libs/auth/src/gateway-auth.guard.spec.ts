import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, ErrorCode, TenantAuthMaterial } from '@phoenix/contracts';
import { Public } from '@phoenix/platform';
import { sign } from 'jsonwebtoken';
import { createHmac } from 'node:crypto';
import { Auth } from './auth.decorator';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { hashApiKey } from './credentials';
import { GatewayAuthGuard, GatewayAuthOptions } from './gateway-auth.guard';
import { JwtAuthenticator } from './jwt-strategies';
import type { Principal } from './principal';
import { CachedTenantDirectory, TenantDirectory } from './tenant-directory';

// ---------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------

const PLATFORM_KEY = 'phx_platform-key-0123456789abcdef0123456789';
const ADMIN_SECRET = 'admin-jwt-secret-0123456789abcdef0123456789';
const TENANT_A_KEY = 'phx_tenant-a-api-key-0123456789abcdef';
const WINDOW = 300;

const TENANT_A: TenantAuthMaterial = {
  tenant_id: 'tenant-a',
  jwt_secret: 'tenant-a-jwt-secret-0123456789abcdef',
  hmac_secret: 'tenant-a-hmac-secret-0123456789abcdef',
  allowed_origins: [],
};
const TENANT_B: TenantAuthMaterial = {
  tenant_id: 'tenant-b',
  jwt_secret: 'tenant-b-jwt-secret-0123456789abcdef',
  hmac_secret: 'tenant-b-hmac-secret-0123456789abcdef',
  allowed_origins: [],
};

class Routes {
  @Public()
  open(): string {
    return 'open';
  }

  unprotected(): string {
    return 'unprotected';
  }

  @Auth('platform-key')
  platformOnly(): string {
    return 'platform';
  }

  @Auth('tenant-api-key')
  tenantKeyOnly(): string {
    return 'tenant-key';
  }

  @Auth('platform-key', 'tenant-api-key', 'admin-jwt')
  tenantAdmin(): string {
    return 'tenant-admin';
  }

  @Auth('user-jwt', 'hmac')
  userOrService(): string {
    return 'user-or-service';
  }

  @Auth('user-jwt')
  userOnly(): string {
    return 'user';
  }
}

@Auth('tenant-api-key')
class KeyProtectedController {
  inherited(): string {
    return 'inherited';
  }

  @Public()
  health(): string {
    return 'health';
  }

  @Auth('platform-key')
  overridden(): string {
    return 'overridden';
  }
}

type RouteClass = typeof Routes | typeof KeyProtectedController;

interface FakeRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  rawBody?: Buffer;
  ip?: string;
  principal?: Principal;
}

function fakeRequest(overrides: Partial<FakeRequest> = {}): FakeRequest {
  return { method: 'GET', url: '/v1/anything', headers: {}, params: {}, query: {}, ...overrides };
}

function contextFor(cls: RouteClass, method: string, request: FakeRequest, reply: object = {}): ExecutionContext {
  const handler = (cls.prototype as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
  if (typeof handler !== 'function') throw new Error(`${cls.name} has no method ${method}`);
  return {
    getHandler: () => handler,
    getClass: () => cls,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply, getNext: () => undefined }),
  } as unknown as ExecutionContext;
}

function directoryOf(materials: TenantAuthMaterial[], apiKeys: Record<string, string>): jest.Mocked<TenantDirectory> {
  return {
    tenantForApiKeyHash: jest.fn(async (hash: string) => apiKeys[hash] ?? null),
    authMaterial: jest.fn(async (tenantId: string) => materials.find((m) => m.tenant_id === tenantId) ?? null),
  };
}

function setup(overrides: Partial<GatewayAuthOptions> = {}): {
  guard: GatewayAuthGuard;
  tenants: jest.Mocked<TenantDirectory>;
  run: (cls: RouteClass, method: string, request: FakeRequest) => Promise<boolean>;
} {
  const tenants = directoryOf([TENANT_A, TENANT_B], { [hashApiKey(TENANT_A_KEY)]: 'tenant-a' });
  const guard = new GatewayAuthGuard(new Reflector(), {
    tenants,
    jwt: new JwtAuthenticator({ admin: { secret: ADMIN_SECRET }, tenants }),
    platformKey: PLATFORM_KEY,
    hmacWindowSeconds: WINDOW,
    ...overrides,
  });
  return { guard, tenants, run: (cls, method, request) => guard.canActivate(contextFor(cls, method, request)) };
}

async function expectAppError(promise: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toEqual(expect.objectContaining({ code }));
  if (message) expect((error as AppError).message).toMatch(message);
}

function userToken(claims: Record<string, unknown>, secret = TENANT_A.jwt_secret): string {
  return sign({ tenant_id: 'tenant-a', ...claims }, secret, { algorithm: 'HS256', expiresIn: '5m' });
}

function adminToken(claims: Record<string, unknown> = {}): string {
  return sign({ sub: 'admin-1', tenant_id: 'tenant-a', role: 'admin', ...claims }, ADMIN_SECRET, {
    algorithm: 'HS256',
    expiresIn: '5m',
  });
}

function withBearer(token: string, overrides: Partial<FakeRequest> = {}): FakeRequest {
  return fakeRequest({ ...overrides, headers: { authorization: `Bearer ${token}`, ...overrides.headers } });
}

function withApiKey(key: string, overrides: Partial<FakeRequest> = {}): FakeRequest {
  return fakeRequest({ ...overrides, headers: { 'x-api-key': key, ...overrides.headers } });
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A request signed as the documented scheme says, computed without the library. */
function hmacRequest(options: {
  tenant?: TenantAuthMaterial;
  method?: string;
  url?: string;
  body?: string;
  timestamp?: number;
  params?: Record<string, unknown>;
  secret?: string;
}): FakeRequest {
  const tenant = options.tenant ?? TENANT_A;
  const method = options.method ?? 'POST';
  const url = options.url ?? '/v1/wallets/user-1?currency=gold';
  const body = options.body ?? '{"amount":10}';
  const timestamp = String(options.timestamp ?? nowSeconds());
  const signature = createHmac('sha256', options.secret ?? tenant.hmac_secret)
    .update(`${timestamp}.${method.toUpperCase()}.${url}.${body}`)
    .digest('hex');
  return fakeRequest({
    method,
    url,
    headers: { 'x-phoenix-tenant': tenant.tenant_id, 'x-phoenix-timestamp': timestamp, 'x-phoenix-signature': signature },
    params: options.params ?? { user_id: 'user-1' },
    query: { currency: 'gold' },
    body: body ? JSON.parse(body) : undefined,
    rawBody: Buffer.from(body, 'utf8'),
  });
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

describe('GatewayAuthGuard', () => {
  describe('route policy', () => {
    it('lets a @Public() route through without any credential and sets no principal', async () => {
      const { run, tenants } = setup();
      const request = fakeRequest();
      await expect(run(Routes, 'open', request)).resolves.toBe(true);
      expect(request.principal).toBeUndefined();
      expect(tenants.tenantForApiKeyHash).not.toHaveBeenCalled();
    });

    it('lets a @Public() method of an @Auth() class through', async () => {
      const { run } = setup();
      await expect(run(KeyProtectedController, 'health', fakeRequest())).resolves.toBe(true);
    });

    it('refuses a route with neither @Public() nor @Auth() as Forbidden', async () => {
      const { run } = setup();
      await expectAppError(run(Routes, 'unprotected', fakeRequest()), ErrorCode.Forbidden, /no authentication policy/);
    });

    it('refuses a route without a policy even when the credential is valid', async () => {
      const { run } = setup();
      const request = withApiKey(PLATFORM_KEY);
      await expectAppError(run(Routes, 'unprotected', request), ErrorCode.Forbidden);
      expect(request.principal).toBeUndefined();
    });

    it("applies a class's @Auth() to methods without their own", async () => {
      const { run } = setup();
      await expect(run(KeyProtectedController, 'inherited', withApiKey(TENANT_A_KEY))).resolves.toBe(true);
      await expectAppError(run(KeyProtectedController, 'inherited', withApiKey(PLATFORM_KEY)), ErrorCode.Forbidden);
    });

    it("lets a method's @Auth() override the class's", async () => {
      const { run } = setup();
      await expect(run(KeyProtectedController, 'overridden', withApiKey(PLATFORM_KEY))).resolves.toBe(true);
      await expectAppError(run(KeyProtectedController, 'overridden', withApiKey(TENANT_A_KEY)), ErrorCode.Forbidden);
    });

    it('refuses a request without any credential as Unauthenticated, naming the accepted schemes', async () => {
      const { run } = setup();
      const request = fakeRequest();
      await expectAppError(run(Routes, 'tenantAdmin', request), ErrorCode.Unauthenticated, /platform-key, tenant-api-key, admin-jwt/);
      expect(request.principal).toBeUndefined();
    });
  });

  describe('platform key', () => {
    it('is accepted where the route lists platform-key', async () => {
      const { run } = setup();
      const request = withApiKey(PLATFORM_KEY);
      await expect(run(Routes, 'platformOnly', request)).resolves.toBe(true);
      expect(request.principal).toEqual({ kind: 'platform' });
    });

    it('is Forbidden where the route does not list platform-key', async () => {
      const { run, tenants } = setup();
      const request = withApiKey(PLATFORM_KEY);
      await expectAppError(run(Routes, 'tenantKeyOnly', request), ErrorCode.Forbidden, /platform key is not accepted/);
      expect(request.principal).toBeUndefined();
      expect(tenants.tenantForApiKeyHash).not.toHaveBeenCalled();
    });

    it('is Forbidden on a user-jwt route', async () => {
      const { run } = setup();
      await expectAppError(run(Routes, 'userOnly', withApiKey(PLATFORM_KEY)), ErrorCode.Forbidden);
    });

    it('may access any tenant path', async () => {
      const { run } = setup();
      const request = withApiKey(PLATFORM_KEY, { params: { tenant_id: 'tenant-b' } });
      await expect(run(Routes, 'tenantAdmin', request)).resolves.toBe(true);
      expect(request.principal).toEqual({ kind: 'platform' });
    });

    it('is refused entirely when the gateway has no platform key configured', async () => {
      const { run } = setup({ platformKey: undefined });
      await expectAppError(run(Routes, 'platformOnly', withApiKey(PLATFORM_KEY)), ErrorCode.Unauthenticated);
      await expectAppError(run(Routes, 'platformOnly', withApiKey('')), ErrorCode.Unauthenticated);
    });

    it('refuses a wrong key, a prefix of the key and the key with extra characters', async () => {
      const { run } = setup();
      for (const key of ['wrong', PLATFORM_KEY.slice(0, -1), `${PLATFORM_KEY}x`, PLATFORM_KEY.toUpperCase(), '']) {
        await expectAppError(run(Routes, 'platformOnly', withApiKey(key)), ErrorCode.Unauthenticated, /Invalid API key/);
      }
    });
  });

  describe('tenant API key', () => {
    it('resolves the tenant by the SHA-256 of the key, never the key itself', async () => {
      const { run, tenants } = setup();
      const request = withApiKey(TENANT_A_KEY);
      await expect(run(Routes, 'tenantKeyOnly', request)).resolves.toBe(true);
      expect(request.principal).toEqual({ kind: 'tenant-admin', tenantId: 'tenant-a', via: 'api-key' });
      expect(tenants.tenantForApiKeyHash).toHaveBeenCalledWith(hashApiKey(TENANT_A_KEY));
      expect(tenants.tenantForApiKeyHash).not.toHaveBeenCalledWith(TENANT_A_KEY);
    });

    it('refuses an unknown key as Unauthenticated', async () => {
      const { run } = setup();
      const request = withApiKey('phx_unknown');
      await expectAppError(run(Routes, 'tenantAdmin', request), ErrorCode.Unauthenticated, /Invalid API key/);
      expect(request.principal).toBeUndefined();
    });

    it('is Forbidden on a platform-only route, where an unknown key stays Unauthenticated', async () => {
      const { run } = setup();
      const request = withApiKey(TENANT_A_KEY);
      await expectAppError(run(Routes, 'platformOnly', request), ErrorCode.Forbidden, /tenant API key is not accepted.*platform-key/);
      expect(request.principal).toBeUndefined();
      await expectAppError(run(Routes, 'platformOnly', withApiKey('phx_unknown')), ErrorCode.Unauthenticated, /Invalid API key/);
    });

    it("accepts the caller's own tenant in the path", async () => {
      const { run } = setup();
      await expect(run(Routes, 'tenantAdmin', withApiKey(TENANT_A_KEY, { params: { tenant_id: 'tenant-a' } }))).resolves.toBe(true);
    });

    it('refuses another tenant in the path as Forbidden', async () => {
      const { run } = setup();
      const request = withApiKey(TENANT_A_KEY, { params: { tenant_id: 'tenant-b', user_id: 'user-1' } });
      await expectAppError(run(Routes, 'tenantAdmin', request), ErrorCode.Forbidden, /does not belong to this tenant/);
      expect(request.principal).toBeUndefined();
    });

    it('uses the first value when the header is repeated', async () => {
      const { run } = setup();
      const request = fakeRequest({ headers: { 'x-api-key': [TENANT_A_KEY, 'phx_other'] } });
      await expect(run(Routes, 'tenantKeyOnly', request)).resolves.toBe(true);
    });

    it('lets a tenant admin name any user of its tenant', async () => {
      const { run } = setup();
      const request = withApiKey(TENANT_A_KEY, { params: { tenant_id: 'tenant-a', user_id: 'anyone' }, body: { user_id: 'someone' } });
      await expect(run(Routes, 'tenantAdmin', request)).resolves.toBe(true);
    });
  });

  describe('admin JWT', () => {
    it('authenticates a tenant admin with its subject', async () => {
      const { run } = setup();
      const request = withBearer(adminToken(), { params: { tenant_id: 'tenant-a' } });
      await expect(run(Routes, 'tenantAdmin', request)).resolves.toBe(true);
      expect(request.principal).toEqual({ kind: 'tenant-admin', tenantId: 'tenant-a', via: 'admin-jwt', subject: 'admin-1' });
    });

    it('refuses another tenant in the path as Forbidden', async () => {
      const { run } = setup();
      await expectAppError(run(Routes, 'tenantAdmin', withBearer(adminToken(), { params: { tenant_id: 'tenant-b' } })), ErrorCode.Forbidden);
    });

    it('refuses an invalid admin token as Unauthenticated', async () => {
      const { run } = setup();
      await expectAppError(run(Routes, 'tenantAdmin', withBearer(adminToken({ role: 'user' }))), ErrorCode.Unauthenticated, /Invalid token/);
      await expectAppError(run(Routes, 'tenantAdmin', withBearer(userToken({ sub: 'user-1' }))), ErrorCode.Unauthenticated, /Invalid token/);
    });

    it('refuses bearer tokens when the gateway has no admin JWT configured', async () => {
      const tenants = directoryOf([TENANT_A], {});
      const { run } = setup({ tenants, jwt: new JwtAuthenticator({}) });
      await expectAppError(run(Routes, 'tenantAdmin', withBearer(adminToken())), ErrorCode.Unauthenticated, /not configured/);
    });

    it('is Forbidden on a route that does not list admin-jwt, where an invalid token stays Unauthenticated', async () => {
      const { run } = setup();
      await expectAppError(run(Routes, 'tenantKeyOnly', withBearer(adminToken())), ErrorCode.Forbidden, /admin JWT is not accepted/);
      await expectAppError(run(Routes, 'platformOnly', withBearer(adminToken())), ErrorCode.Forbidden, /admin JWT is not accepted/);
      const expired = sign({ sub: 'admin-1', tenant_id: 'tenant-a', role: 'admin', exp: nowSeconds() - 60 }, ADMIN_SECRET, { algorithm: 'HS256' });
      await expectAppError(run(Routes, 'platformOnly', withBearer(expired)), ErrorCode.Unauthenticated, /Missing credential/);
    });
  });

  describe('user JWT', () => {
    it('authenticates a tenant user', async () => {
      const { run } = setup();
      const request = withBearer(userToken({ sub: 'user-1' }));
      await expect(run(Routes, 'userOrService', request)).resolves.toBe(true);
      expect(request.principal).toEqual({ kind: 'tenant-user', tenantId: 'tenant-a', userId: 'user-1' });
    });

    it('lets a user name its own id in path, query and body', async () => {
      const { run } = setup();
      const request = withBearer(userToken({ sub: 'user-1' }), {
        params: { user_id: 'user-1', tenant_id: 'tenant-a' },
        query: { user_id: 'user-1' },
        body: { user_id: 'user-1', amount: 5 },
      });
      await expect(run(Routes, 'userOrService', request)).resolves.toBe(true);
    });

    it.each([
      ['path', { params: { user_id: 'user-2' } }],
      ['query', { query: { user_id: 'user-2' } }],
      ['body', { body: { user_id: 'user-2' } }],
      ['query (repeated parameter)', { query: { user_id: ['user-1', 'user-2'] } }],
      ['body (non-string id)', { body: { user_id: 2 } }],
    ])('refuses another user id in the %s as Forbidden', async (_where, overrides: Partial<FakeRequest>) => {
      const { run } = setup();
      const request = withBearer(userToken({ sub: 'user-1' }), overrides);
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Forbidden, /own user id/);
      expect(request.principal).toBeUndefined();
    });

    it('refuses another tenant in the path as Forbidden', async () => {
      const { run } = setup();
      const request = withBearer(userToken({ sub: 'user-1' }), { params: { tenant_id: 'tenant-b', user_id: 'user-1' } });
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Forbidden, /does not belong to this tenant/);
    });

    it('lets a role "service" token name any user of its tenant', async () => {
      const { run } = setup();
      const request = withBearer(userToken({ sub: 'backend', role: 'service' }), {
        params: { user_id: 'user-2' },
        query: { user_id: 'user-3' },
        body: { user_id: 'user-4' },
      });
      await expect(run(Routes, 'userOrService', request)).resolves.toBe(true);
      expect(request.principal).toEqual({ kind: 'tenant-service', tenantId: 'tenant-a', via: 'service-jwt' });
    });

    it('still binds a role "service" token to its tenant', async () => {
      const { run } = setup();
      const request = withBearer(userToken({ sub: 'backend', role: 'service' }), { params: { tenant_id: 'tenant-b' } });
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Forbidden);
    });

    it("refuses a token signed with another tenant's secret as Unauthenticated", async () => {
      const { run } = setup();
      await expectAppError(
        run(Routes, 'userOrService', withBearer(userToken({ sub: 'user-1' }, TENANT_B.jwt_secret))),
        ErrorCode.Unauthenticated,
        /Invalid token/,
      );
    });

    it('refuses an admin token on a user route as Unauthenticated', async () => {
      const { run } = setup();
      await expectAppError(run(Routes, 'userOnly', withBearer(adminToken())), ErrorCode.Unauthenticated);
    });

    it('refuses a malformed Authorization header as Unauthenticated', async () => {
      const { run } = setup();
      await expectAppError(run(Routes, 'userOnly', fakeRequest({ headers: { authorization: 'Token abc' } })), ErrorCode.Unauthenticated);
    });

    it('reports an unavailable tenant directory as Unavailable', async () => {
      const tenants: TenantDirectory = {
        tenantForApiKeyHash: async () => null,
        authMaterial: async () => {
          throw Object.assign(new Error('rewards-catalog timed out'), { code: 'UNAVAILABLE' });
        },
      };
      const { run } = setup({ tenants, jwt: new JwtAuthenticator({ tenants }) });
      await expectAppError(run(Routes, 'userOnly', withBearer(userToken({ sub: 'user-1' }))), ErrorCode.UpstreamUnavailable);
    });
  });

  describe('HMAC-signed requests', () => {
    it('authenticates a correctly signed request as the tenant service', async () => {
      const { run } = setup();
      const request = hmacRequest({});
      await expect(run(Routes, 'userOrService', request)).resolves.toBe(true);
      expect(request.principal).toEqual({ kind: 'tenant-service', tenantId: 'tenant-a', via: 'hmac' });
    });

    it('accepts a GET with an empty body and no rawBody', async () => {
      const { run } = setup();
      const request = hmacRequest({ method: 'GET', body: '' });
      delete request.rawBody;
      await expect(run(Routes, 'userOrService', request)).resolves.toBe(true);
    });

    it('refuses the same request a second time (replay)', async () => {
      const { run } = setup();
      const request = hmacRequest({});
      await expect(run(Routes, 'userOrService', request)).resolves.toBe(true);
      const replay = { ...request, principal: undefined };
      await expectAppError(run(Routes, 'userOrService', replay), ErrorCode.Unauthenticated, /Replayed/);
      expect(replay.principal).toBeUndefined();
    });

    it('refuses a replay that only changes the case of the signature', async () => {
      const { run } = setup();
      const request = hmacRequest({});
      await expect(run(Routes, 'userOrService', request)).resolves.toBe(true);
      const signature = request.headers['x-phoenix-signature'] as string;
      const replay = { ...request, headers: { ...request.headers, 'x-phoenix-signature': signature.toUpperCase() } };
      await expectAppError(run(Routes, 'userOrService', replay), ErrorCode.Unauthenticated, /Replayed/);
    });

    it('refuses a replay anywhere inside the timestamp window, even at its far edge', async () => {
      const { run } = setup();
      const timestamp = nowSeconds();
      const request = hmacRequest({ timestamp });
      const clock = jest.spyOn(Date, 'now');
      try {
        clock.mockReturnValue((timestamp - WINDOW) * 1000); // earliest moment the signature is valid
        await expect(run(Routes, 'userOrService', request)).resolves.toBe(true);
        clock.mockReturnValue((timestamp + WINDOW) * 1000); // latest moment the signature is valid
        await expectAppError(run(Routes, 'userOrService', { ...request, principal: undefined }), ErrorCode.Unauthenticated, /Replayed/);
      } finally {
        clock.mockRestore();
      }
    });

    it('refuses a bad signature as Unauthenticated', async () => {
      const { run } = setup();
      const request = hmacRequest({ secret: 'not-the-tenant-secret' });
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Unauthenticated, /Invalid request signature/);
      expect(request.principal).toBeUndefined();
    });

    it('refuses a request whose query string was changed after signing', async () => {
      const { run } = setup();
      const request = hmacRequest({});
      request.url = '/v1/wallets/user-1?currency=silver';
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Unauthenticated, /Invalid request signature/);
    });

    it('refuses a request whose body was changed after signing', async () => {
      const { run } = setup();
      const request = hmacRequest({});
      request.rawBody = Buffer.from('{"amount":1000}');
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Unauthenticated, /Invalid request signature/);
    });

    it('refuses a request signed without its query string', async () => {
      const { run } = setup();
      const signedPathOnly = hmacRequest({ url: '/v1/wallets/user-1' });
      const request = { ...signedPathOnly, url: '/v1/wallets/user-1?currency=gold' };
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Unauthenticated);
    });

    it('refuses a stale timestamp as Unauthenticated', async () => {
      const { run } = setup();
      const request = hmacRequest({ timestamp: nowSeconds() - WINDOW - 60 });
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Unauthenticated, /outside/);
    });

    it('refuses a request signed for another tenant', async () => {
      const { run } = setup();
      const request = hmacRequest({ secret: TENANT_B.hmac_secret });
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Unauthenticated, /Invalid request signature/);
    });

    it('refuses an unknown tenant as Unauthenticated', async () => {
      const { run } = setup();
      const request = hmacRequest({ tenant: { ...TENANT_A, tenant_id: 'tenant-x' } });
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Unauthenticated, /Unknown tenant/);
    });

    it.each(['x-phoenix-tenant', 'x-phoenix-timestamp'])('refuses a signed request without %s', async (header) => {
      const { run } = setup();
      const request = hmacRequest({});
      delete request.headers[header];
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Unauthenticated, /X-Phoenix-Tenant and X-Phoenix-Timestamp/);
    });

    it('binds the signing tenant to the tenant in the path', async () => {
      const { run } = setup();
      const request = hmacRequest({ params: { tenant_id: 'tenant-b', user_id: 'user-1' } });
      await expectAppError(run(Routes, 'userOrService', request), ErrorCode.Forbidden);
    });

    it('is not accepted on a route that does not list hmac', async () => {
      const { run } = setup();
      await expectAppError(run(Routes, 'userOnly', hmacRequest({})), ErrorCode.Unauthenticated, /Missing credential/);
    });
  });
});

describe('GatewayAuthGuard: failed authentications per address', () => {
  const FAILURES = { perSecond: 1, burst: 3 };
  const UNCACHED_KEY = 'phx_tenant-b-api-key-0123456789abcdef';

  function limitedSetup() {
    let clock = 0;
    const source = directoryOf([TENANT_A, TENANT_B], { [hashApiKey(TENANT_A_KEY)]: 'tenant-a', [hashApiKey(UNCACHED_KEY)]: 'tenant-b' });
    const tenants = new CachedTenantDirectory(source, { ttlMs: 60_000, negativeTtlMs: 5_000, now: () => clock });
    const checks = (directory: TenantDirectory) => ({ tenants: directory, jwt: new JwtAuthenticator({ admin: { secret: ADMIN_SECRET }, tenants: directory }) });
    const refused = jest.fn();
    const guard = new GatewayAuthGuard(new Reflector(), {
      ...checks(tenants),
      platformKey: PLATFORM_KEY,
      hmacWindowSeconds: WINDOW,
      failures: { limiter: new AuthFailureLimiter(FAILURES, { now: () => clock }), cachedOnly: checks(tenants.cachedOnly), onRefused: refused },
    });
    const headers: Record<string, string> = {};
    const reply = { header: (name: string, value: string) => (headers[name] = value) };
    const run = (cls: RouteClass, method: string, request: FakeRequest) => guard.canActivate(contextFor(cls, method, request, reply));
    const fromAddress = (ip: string, request: FakeRequest) => ({ ...request, ip });
    return { source, run, fromAddress, headers, refused, tick: (ms: number) => (clock += ms) };
  }

  it('answers 429 with Retry-After once an address used up its failures; another address still gets 401', async () => {
    const { run, fromAddress, headers, refused } = limitedSetup();
    for (let i = 0; i < FAILURES.burst; i++) {
      await expectAppError(run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.1', withApiKey(`junk-${i}`))), ErrorCode.Unauthenticated);
    }
    await expectAppError(
      run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.1', withApiKey('junk-x'))),
      ErrorCode.RateLimited,
      /^Too many failed authentications from this address; retry after 1 s$/,
    );
    expect(headers['Retry-After']).toBe('1');
    expect(refused).toHaveBeenCalledTimes(1);
    // Every kind of failure counts: a bad token, a missing credential.
    await expectAppError(run(Routes, 'tenantAdmin', fromAddress('10.0.0.1', withBearer('not-a-jwt'))), ErrorCode.RateLimited);
    await expectAppError(run(Routes, 'tenantAdmin', fromAddress('10.0.0.1', fakeRequest())), ErrorCode.RateLimited);

    await expectAppError(run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.2', withApiKey('junk-y'))), ErrorCode.Unauthenticated);
  });

  it('checks a held-back address against the cache only: cached credentials pass, nothing is looked up', async () => {
    const { source, run, fromAddress } = limitedSetup();
    await expect(run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.9', withApiKey(TENANT_A_KEY)))).resolves.toBe(true);
    for (let i = 0; i <= FAILURES.burst; i++) {
      await run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.1', withApiKey(`junk-${i}`))).catch(() => undefined);
    }
    source.tenantForApiKeyHash.mockClear();
    source.authMaterial.mockClear();

    for (let i = 0; i < 100; i++) {
      await expectAppError(run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.1', withApiKey(`flood-${i}`))), ErrorCode.RateLimited);
      await expectAppError(run(Routes, 'userOrService', fromAddress('10.0.0.1', hmacRequest({ tenant: { ...TENANT_A, tenant_id: `ghost-${i}` } }))), ErrorCode.RateLimited);
    }
    expect(source.tenantForApiKeyHash).not.toHaveBeenCalled();
    expect(source.authMaterial).not.toHaveBeenCalled();

    await expect(run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.1', withApiKey(TENANT_A_KEY)))).resolves.toBe(true);
    await expect(run(Routes, 'tenantAdmin', fromAddress('10.0.0.1', withBearer(adminToken())))).resolves.toBe(true);
    await expect(run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.1', withApiKey(PLATFORM_KEY)))).rejects.toEqual(
      expect.objectContaining({ code: ErrorCode.Forbidden }),
    );
    // A real key not in the cache would need a lookup: it waits like the flood.
    await expectAppError(run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.1', withApiKey(UNCACHED_KEY))), ErrorCode.RateLimited);
    expect(source.tenantForApiKeyHash).not.toHaveBeenCalled();
  });

  it('never charges success or a 403, and forgives as the bucket refills', async () => {
    const { run, fromAddress, tick } = limitedSetup();
    for (let i = 0; i < 10; i++) {
      await run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.1', withApiKey(TENANT_A_KEY)));
      await run(Routes, 'platformOnly', fromAddress('10.0.0.1', withApiKey(TENANT_A_KEY))).catch(() => undefined);
    }
    for (let i = 0; i < FAILURES.burst; i++) {
      await expectAppError(run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.1', withApiKey(`junk-${i}`))), ErrorCode.Unauthenticated);
    }
    await expectAppError(run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.1', withApiKey('junk-x'))), ErrorCode.RateLimited);
    tick(1_000);
    await expectAppError(run(Routes, 'tenantKeyOnly', fromAddress('10.0.0.1', withApiKey('junk-z'))), ErrorCode.Unauthenticated);
  });
});
