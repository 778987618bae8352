import { decode, JwtPayload } from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import { createSecretKey, KeyObject } from 'node:crypto';
import { Passport } from 'passport';
import { ExtractJwt, Strategy as JwtStrategy, StrategyOptionsWithRequest } from 'passport-jwt';
import { headerProblem, isName, lifetimeProblem } from './jwt-policy';
import type { TenantDirectory } from './tenant-directory';

/** Used when no maximum is configured: a day. */
export const DEFAULT_JWT_MAX_LIFETIME_SECONDS = 86_400;

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
const hmacKeys = new LRUCache<string, KeyObject>({ max: 10_000 });
function hmacKey(secret: string): Buffer {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    hmacKeys.set(secret, key);
  }
  // passport-jwt types the key as string | Buffer, but hands it to jsonwebtoken as is.
  return key as unknown as Buffer;
}

const bearer = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * The token's algorithm, and why its header is refused when its type or `crit` is not ours:
 * checked before any key is looked up. Empty for a token that does not decode (jsonwebtoken
 * then says why).
 */
function checkedHeader(rawJwt: string): { alg?: string; problem?: string } {
  const decoded = decode(rawJwt, { complete: true });
  if (!decoded || typeof decoded !== 'object') return {};
  const problem = headerProblem(decoded.header);
  return { alg: decoded.header.alg, ...(problem ? { problem } : {}) };
}

type Verified = (e: unknown, u?: unknown, i?: unknown) => void;

/**
 * The passport instance of a gateway with the strategies it accepts. Algorithms are pinned
 * per key: the HS256 secret only ever verifies HS256 tokens and JWKS keys only RS256, so
 * `alg: none` and algorithm confusion are refused by construction.
 */
export class JwtAuthenticator {
  private readonly passport = new Passport();
  private readonly strategies = new Set<JwtStrategyName>();
  private readonly maxLifetime: number;
  private readonly tenants: TenantDirectory | undefined;
  /** The tenant secret each request's user token was checked against (see userStrategy). */
  private readonly secretsUsed = new WeakMap<object, string>();
  /**
   * User tokens already verified, by their text: a client app sends the same token on every
   * call until it expires, and checking the signature again (three base64 decodes, a JSON
   * parse and an HMAC through passport and jsonwebtoken) took about 7 % of the query
   * gateway's CPU on a cached catalog read (CPU profile). A hit is accepted only while the token is within its time limits and its
   * tenant's current secret is still the one it was verified with (a rotation ends it).
   */
  private readonly verifiedUsers = new LRUCache<string, VerifiedUserToken>({ max: 10_000 });

  constructor(options: { admin?: AdminJwtOptions; tenants?: TenantDirectory; maxLifetimeSeconds?: number }) {
    this.maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_JWT_MAX_LIFETIME_SECONDS;
    this.tenants = options.tenants;
    if (options.admin && (options.admin.secret || options.admin.jwksUrl)) this.use('admin-jwt', adminStrategy(options.admin, this.maxLifetime));
    if (options.tenants) this.use('user-jwt', userStrategy(options.tenants, this.maxLifetime, this.secretsUsed));
  }

  supports(strategy: JwtStrategyName): boolean {
    return this.strategies.has(strategy);
  }

  /** Runs one strategy against a request: the verified claims, or the reason it failed. */
  async verify<T>(strategy: JwtStrategyName, request: unknown): Promise<JwtVerdict<T>> {
    if (strategy !== 'user-jwt' || !this.tenants) return this.authenticate<T>(strategy, request);
    const token = bearer(request as never);
    if (token) {
      const known = this.verifiedUsers.get(token);
      if (known && (await this.stillValid(known, this.tenants))) return { ok: true, claims: known.claims as T };
      if (known) this.verifiedUsers.delete(token);
    }
    const verdict = await this.authenticate<T>(strategy, request);
    const secret = this.secretsUsed.get(request as object);
    if (verdict.ok && token && secret !== undefined) {
      this.verifiedUsers.set(token, { claims: verdict.claims as UserClaims, payload: decode(token, { json: true }) ?? {}, secret });
    }
    return verdict;
  }

  /** What jsonwebtoken and the verify callback check of time, and the tenant's secret, again. */
  private async stillValid(known: VerifiedUserToken, tenants: TenantDirectory): Promise<boolean> {
    const now = nowSeconds();
    const { exp, nbf } = known.payload;
    if (typeof exp !== 'number' || now >= exp) return false;
    if (typeof nbf === 'number' && now < nbf) return false;
    if (lifetimeProblem(known.payload, now, this.maxLifetime)) return false;
    const material = await tenants.authMaterial(known.claims.tenant_id);
    return material?.jwt_secret === known.secret;
  }

  private authenticate<T>(strategy: JwtStrategyName, request: unknown): Promise<JwtVerdict<T>> {
    return new Promise((resolve) => {
      const handler = this.passport.authenticate(strategy, { session: false }, (error: unknown, user: unknown, info: unknown) => {
        if (user) return resolve({ ok: true, claims: user as T });
        const reason = describe(error) ?? describe(info) ?? 'Invalid token';
        const unavailable = [error, info].some(
          (v) => typeof v === 'object' && v !== null && ['UNAVAILABLE', 'UPSTREAM_UNAVAILABLE'].includes(String((v as { code?: string }).code)),
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

interface VerifiedUserToken {
  claims: UserClaims;
  payload: JwtPayload;
  /** The tenant's JWT secret the signature was checked with. */
  secret: string;
}
export type JwtVerdict<T> = { ok: true; claims: T } | { ok: false; reason: string; unavailable: boolean };

/** Loaded only where a JWKS is configured: every other start would load its HTTP stack for nothing. */
function jwksKeyProvider(jwksUri: string) {
  const { passportJwtSecret } = require('jwks-rsa') as typeof import('jwks-rsa');
  return passportJwtSecret({ jwksUri, cache: true, rateLimit: true, jwksRequestsPerMinute: 10 });
}

function adminStrategy(admin: AdminJwtOptions, maxLifetimeSeconds: number): JwtStrategy {
  const algorithms: Array<'HS256' | 'RS256'> = [];
  if (admin.secret) algorithms.push('HS256');
  if (admin.jwksUrl) algorithms.push('RS256');
  const jwks = admin.jwksUrl ? jwksKeyProvider(admin.jwksUrl) : undefined;
  const options: StrategyOptionsWithRequest = {
    jwtFromRequest: bearer,
    algorithms,
    ignoreExpiration: false,
    ...(admin.issuer ? { issuer: admin.issuer } : {}),
    ...(admin.audience ? { audience: admin.audience } : {}),
    passReqToCallback: true,
    secretOrKeyProvider: (request: unknown, rawJwt: string, done: KeyCallback) => {
      const { alg, problem } = checkedHeader(rawJwt);
      if (problem) return done(new Error(problem));
      if (alg === 'HS256' && admin.secret) return done(null, hmacKey(admin.secret));
      if (alg === 'RS256' && jwks) return jwks(request as never, rawJwt, done as never);
      return done(new Error(`Token algorithm ${alg ?? 'missing'} is not accepted`));
    },
  };
  return new JwtStrategy(options, (_req: unknown, payload: JwtPayload, done: Verified) => {
    const lifetime = lifetimeProblem(payload, nowSeconds(), maxLifetimeSeconds);
    if (lifetime) return done(null, false, { message: lifetime });
    if (!isName(payload.sub) || !isName(payload['tenant_id']) || payload['role'] !== 'admin') {
      return done(null, false, { message: 'Admin token needs a non-empty sub and tenant_id, and role "admin"' });
    }
    const claims: AdminClaims = { sub: payload.sub, tenant_id: payload['tenant_id'] as string, role: 'admin' };
    return done(null, claims);
  });
}

function userStrategy(tenants: TenantDirectory, maxLifetimeSeconds: number, secretsUsed: WeakMap<object, string>): JwtStrategy {
  const options: StrategyOptionsWithRequest = {
    jwtFromRequest: bearer,
    algorithms: ['HS256'],
    ignoreExpiration: false,
    passReqToCallback: true,
    // The signing secret is the tenant's own: read the (unverified) tenant claim to find it.
    secretOrKeyProvider: (request: unknown, rawJwt: string, done: KeyCallback) => {
      const { problem } = checkedHeader(rawJwt);
      if (problem) return done(new Error(problem));
      const payload = decode(rawJwt, { json: true });
      const tenantId = payload?.['tenant_id'];
      if (typeof tenantId !== 'string') return done(new Error('Token has no tenant_id claim'));
      tenants.authMaterial(tenantId).then(
        (material) => {
          if (!material) return done(new Error('Unknown tenant'));
          secretsUsed.set(request as object, material.jwt_secret);
          return done(null, hmacKey(material.jwt_secret));
        },
        (error: unknown) => done(error),
      );
    },
  };
  return new JwtStrategy(options, (_req: unknown, payload: JwtPayload, done: Verified) => {
    const lifetime = lifetimeProblem(payload, nowSeconds(), maxLifetimeSeconds);
    if (lifetime) return done(null, false, { message: lifetime });
    if (!isName(payload.sub) || !isName(payload['tenant_id'])) {
      return done(null, false, { message: 'Token needs non-empty sub and tenant_id claims' });
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

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function describe(value: unknown): string | undefined {
  if (value instanceof Error) return value.message;
  if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') {
    return (value as { message: string }).message;
  }
  return undefined;
}
