import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Tenant API keys: recognisable prefix, 256 random bits. */
export function generateApiKey(): string {
  return `phx_${randomBytes(32).toString('base64url')}`;
}

/** Signing secrets (JWT, HMAC): 256 random bits. Webhook secrets have their own form (generateWebhookSecret). */
export function generateSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * API keys are high-entropy random strings, so one SHA-256 is enough to store them
 * safely and lets us find the tenant by the hash in one indexed lookup.
 */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

/** Constant-time comparison of two strings of any length. */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}
