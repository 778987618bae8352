import { signRequest } from '@phoenix/auth';
import { sign, SignOptions } from 'jsonwebtoken';

/** A tenant user JWT as a tenant's backend would mint it. */
export function userToken(
  jwtSecret: string,
  claims: { sub: string; tenant_id: string; role?: string },
  options: SignOptions = { expiresIn: 600 },
): string {
  return sign(claims, jwtSecret, { algorithm: 'HS256', ...options });
}

/** An admin JWT signed with ADMIN_JWT_SECRET. */
export function adminToken(secret: string, claims: { sub: string; tenant_id: string; role?: string }, options: SignOptions = { expiresIn: 600 }): string {
  return sign({ role: 'admin', ...claims }, secret, { algorithm: 'HS256', ...options });
}

/** Headers of an HMAC-signed server-to-server request. */
export function hmacHeaders(
  tenantId: string,
  hmacSecret: string,
  request: { method: string; pathWithQuery: string; body?: string },
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const ts = String(timestamp);
  return {
    'x-phoenix-tenant': tenantId,
    'x-phoenix-timestamp': ts,
    'x-phoenix-signature': signRequest(hmacSecret, {
      method: request.method,
      pathWithQuery: request.pathWithQuery,
      rawBody: request.body ?? '',
      timestamp: ts,
    }),
  };
}
