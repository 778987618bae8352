import { decode, JwtPayload } from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { passportJwtSecret } from 'jwks-rsa';
import { Passport } from 'passport';
import { ExtractJwt, Strategy as JwtStrategy, StrategyOptionsWithRequest } from 'passport-jwt';
import type { TenantDirectory } from './tenant-directory';

export interface AdminJwtOptions {
  /** HS256 shared secret. */
  secret?: string;
  /** RS256 keys from a JWKS endpoint. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export interface AdminClaims {
  sub: string;
  tenant_id: string;
  role: 'admin';
}

export interface UserClaims {
  sub: string;
  tenant_id: string;
  role?: 'service';
}

type KeyCallback = (err: unknown, key?: string | Buffer) => void;

/**
 * HMAC keys as KeyObjects, built once per secret: handed a string, jsonwebtoken first tries
 * (and fails) to parse it as a public key, which costs more than the verification itself.
 */
const hmacKeys = new Map<string, KeyObject>();
function hmacKey(secret: string): Buffer {
  let key = hmacKeys.get(secret);
  if (!key) {
    if (hmacKeys.size >= 10_000) hmacKeys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    hmacKeys.set(secret, key);
  }
  // passport-jwt types the key as string | Buffer, but hands it to jsonwebtoken as is.
  return key as unknown as Buffer;
}

const bearer = ExtractJwt.fromAuthHeaderAsBearerToken();

function headerAlg(rawJwt: string): string | undefined {
  const decoded = decode(rawJwt, { complete: true });
  return decoded && typeof decoded === 'object' ? decoded.header.alg : undefined;
}

function hasExp(payload: JwtPayload): boolean {
  return typeof payload.exp === 'number';
}

/**
 * The passport instance of a gateway with the strategies it accepts. Algorithms are pinned
 * per key: the HS256 secret only ever verifies HS256 tokens and JWKS keys only RS256, so
 * `alg: none` and algorithm confusion are refused by construction.
 */
export class JwtAuthenticator {
  private readonly passport = new Passport();
  private readonly strategies = new Set<JwtStrategyName>();

  constructor(options: { admin?: AdminJwtOptions; tenants?: TenantDirectory }) {
    if (options.admin && (options.admin.secret || options.admin.jwksUrl)) this.use('admin-jwt', adminStrategy(options.admin));
    if (options.tenants) this.use('user-jwt', userStrategy(options.tenants));
  }

  supports(strategy: JwtStrategyName): boolean {
    return this.strategies.has(strategy);
  }

  /** Runs one strategy against a request: the verified claims, or the reason it failed. */
  verify<T>(strategy: JwtStrategyName, request: unknown): Promise<JwtVerdict<T>> {
    return new Promise((resolve) => {
      const handler = this.passport.authenticate(strategy, { session: false }, (error: unknown, user: unknown, info: unknown) => {
        if (user) return resolve({ ok: true, claims: user as T });
        const reason = describe(error) ?? describe(info) ?? 'Invalid token';
        const unavailable = [error, info].some(
          (v) => typeof v === 'object' && v !== null && (v as { code?: string }).code === 'UNAVAILABLE',
        );
        resolve({ ok: false, reason, unavailable });
      });
      handler(request, {}, (error: unknown) => resolve({ ok: false, reason: describe(error) ?? 'Invalid token', unavailable: false }));
    });
  }

  private use(name: JwtStrategyName, strategy: JwtStrategy): void {
    this.passport.use(name, strategy);
    this.strategies.add(name);
  }
}

export type JwtStrategyName = 'admin-jwt' | 'user-jwt';
export type JwtVerdict<T> = { ok: true; claims: T } | { ok: false; reason: string; unavailable: boolean };

function adminStrategy(admin: AdminJwtOptions): JwtStrategy {
  const algorithms: Array<'HS256' | 'RS256'> = [];
  if (admin.secret) algorithms.push('HS256');
  if (admin.jwksUrl) algorithms.push('RS256');
  const jwks = admin.jwksUrl
    ? passportJwtSecret({ jwksUri: admin.jwksUrl, cache: true, rateLimit: true, jwksRequestsPerMinute: 10 })
    : undefined;
  const options: StrategyOptionsWithRequest = {
    jwtFromRequest: bearer,
    algorithms,
    ignoreExpiration: false,
    ...(admin.issuer ? { issuer: admin.issuer } : {}),
    ...(admin.audience ? { audience: admin.audience } : {}),
    passReqToCallback: true,
    secretOrKeyProvider: (request: unknown, rawJwt: string, done: KeyCallback) => {
      const alg = headerAlg(rawJwt);
      if (alg === 'HS256' && admin.secret) return done(null, hmacKey(admin.secret));
      if (alg === 'RS256' && jwks) return jwks(request as never, rawJwt, done as never);
      return done(new Error(`Token algorithm ${alg ?? 'missing'} is not accepted`));
    },
  };
  return new JwtStrategy(options, (_req: unknown, payload: JwtPayload, done: (e: unknown, u?: unknown, i?: unknown) => void) => {
    if (!hasExp(payload)) return done(null, false, { message: 'Token has no exp claim' });
    if (typeof payload.sub !== 'string' || typeof payload['tenant_id'] !== 'string' || payload['role'] !== 'admin') {
      return done(null, false, { message: 'Admin token needs sub, tenant_id and role "admin"' });
    }
    const claims: AdminClaims = { sub: payload.sub, tenant_id: payload['tenant_id'] as string, role: 'admin' };
    return done(null, claims);
  });
}

function userStrategy(tenants: TenantDirectory): JwtStrategy {
  const options: StrategyOptionsWithRequest = {
    jwtFromRequest: bearer,
    algorithms: ['HS256'],
    ignoreExpiration: false,
    passReqToCallback: true,
    // The signing secret is the tenant's own: read the (unverified) tenant claim to find it.
    secretOrKeyProvider: (_request: unknown, rawJwt: string, done: KeyCallback) => {
      const payload = decode(rawJwt, { json: true });
      const tenantId = payload?.['tenant_id'];
      if (typeof tenantId !== 'string') return done(new Error('Token has no tenant_id claim'));
      tenants.authMaterial(tenantId).then(
        (material) => (material ? done(null, hmacKey(material.jwt_secret)) : done(new Error('Unknown tenant'))),
        (error: unknown) => done(error),
      );
    },
  };
  return new JwtStrategy(options, (_req: unknown, payload: JwtPayload, done: (e: unknown, u?: unknown, i?: unknown) => void) => {
    if (!hasExp(payload)) return done(null, false, { message: 'Token has no exp claim' });
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || typeof payload['tenant_id'] !== 'string') {
      return done(null, false, { message: 'Token needs sub and tenant_id claims' });
    }
    const role = payload['role'];
    if (role !== undefined && role !== 'service' && role !== 'user') {
      // "user" is accepted as the explicit spelling of the default; anything else is a mistake.
      return done(null, false, { message: 'Token role must be "service" or "user" when present' });
    }
    const claims: UserClaims = { sub: payload.sub, tenant_id: payload['tenant_id'] as string, ...(role === 'service' ? { role } : {}) };
    return done(null, claims);
  });
}

function describe(value: unknown): string | undefined {
  if (value instanceof Error) return value.message;
  if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') {
    return (value as { message: string }).message;
  }
  return undefined;
}
