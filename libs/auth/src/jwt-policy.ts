import type { JwtPayload } from 'jsonwebtoken';

/**
 * What we ask of a JWT beyond a valid signature (RFC 8725). Each check answers the reason a
 * token is refused, or undefined when it passes; the strategies turn a reason into a 401.
 */

/** The clocks of a tenant's backend and ours may disagree by this much. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * Our tokens are plain JWTs: `typ` may be absent, `JWT` or its media type `application/jwt`
 * (RFC 7515 §4.1.9: compared without case, the `application/` prefix optional). Any other type
 * (`at+jwt`, `JWE`, a logout token…) is a token made for something else. A `crit` header names
 * extensions the receiver must understand; we understand none, so any `crit` is refused.
 */
export function headerProblem(header: { typ?: unknown; crit?: unknown }): string | undefined {
  const typ = header.typ;
  if (typ !== undefined && (typeof typ !== 'string' || !/^(application\/)?jwt$/i.test(typ))) {
    return `Token type ${JSON.stringify(typ)} is not accepted (only "JWT")`;
  }
  if (header.crit !== undefined) return 'Token has a crit header: no extension is supported';
  return undefined;
}

/**
 * A token may live at most `maxSeconds`: from `iat` when it has one, else from now. An `iat`
 * later than now (beyond the clock skew) is refused, so it cannot stretch the lifetime.
 */
export function lifetimeProblem(payload: JwtPayload, nowSeconds: number, maxSeconds: number): string | undefined {
  const { exp, iat } = payload;
  if (typeof exp !== 'number') return 'Token has no exp claim';
  if (iat !== undefined && typeof iat !== 'number') return 'Token iat must be a number of seconds';
  if (iat !== undefined && iat > nowSeconds + CLOCK_SKEW_SECONDS) return 'Token iat is in the future';
  const lifetime = iat === undefined ? exp - nowSeconds - CLOCK_SKEW_SECONDS : exp - iat;
  if (lifetime > maxSeconds) return `Token lifetime exceeds the maximum of ${maxSeconds} s`;
  return undefined;
}

/** A claim that names someone (sub, tenant_id) must be a non-empty string. */
export function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
