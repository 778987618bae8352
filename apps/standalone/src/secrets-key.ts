import { randomBytes } from 'node:crypto';
import { storedSecret } from './credentials';

/**
 * The key that seals tenants' and webhook endpoints' secrets at rest (SECRETS_KEY): the one
 * set in the environment, else the one generated on first start and kept in
 * DATA_DIR/credentials.json beside the platform key (mode 0600). Never printed.
 */
export function resolveSecretsKey(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  return storedSecret(dataDir, 'secrets_key', 45, () => `standalone:${randomBytes(32).toString('base64')}`).value;
}
