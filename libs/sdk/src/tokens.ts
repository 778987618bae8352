import { hmacSha256, nowSeconds, toBase64Url } from './crypto.js';

/** The query gateway refuses a user token that lives longer than this (its JWT_MAX_LIFETIME_SECONDS default). */
export const MAX_TOKEN_LIFETIME_SECONDS = 86_400;

export interface UserTokenOptions {
  /** The tenant's `jwt_secret`, as shown when the tenant was created or its keys rotated. */
  secret: string;
  tenantId: string;
  /** The user the token speaks for (`sub`). */
  userId: string;
  /** From now until `exp`; at most a day, which is what the gateway accepts. */
  expiresInSeconds: number;
  /** `service`: a tenant server acting for any of its users (the token may name other user ids). */
  role?: 'service';
}

/**
 * A tenant user JWT for the query gateway: HS256 under the tenant's `jwt_secret`, claims `sub`,
 * `tenant_id`, `iat`, `exp` and, for a service token, `role: "service"`. Mint it on the tenant's
 * backend after the user signs in and hand it to the app; never ship the secret to a client.
 */
export async function mintUserToken(options: UserTokenOptions): Promise<string> {
  const { secret, tenantId, userId, expiresInSeconds, role } = options;
  if (!secret) throw new TypeError('mintUserToken: secret is empty');
  if (!tenantId || !userId) throw new TypeError('mintUserToken: tenantId and userId must be non-empty');
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0 || expiresInSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(`mintUserToken: expiresInSeconds must be a whole number from 1 to ${MAX_TOKEN_LIFETIME_SECONDS}`);
  }
  if (role !== undefined && role !== 'service') throw new TypeError('mintUserToken: role may only be "service"');
  const iat = nowSeconds();
  const claims = { sub: userId, tenant_id: tenantId, iat, exp: iat + expiresInSeconds, ...(role ? { role } : {}) };
  const signingInput = `${segment({ alg: 'HS256', typ: 'JWT' })}.${segment(claims)}`;
  return `${signingInput}.${toBase64Url(await hmacSha256(secret, signingInput))}`;
}

function segment(value: object): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
}
