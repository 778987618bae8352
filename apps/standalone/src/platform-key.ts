import { randomBytes } from 'node:crypto';
import { storedSecret } from './credentials';

export interface PlatformKey {
  key: string;
  /** Where the generated key is kept; undefined when it came from the environment. */
  file?: string;
  generated: boolean;
}

/**
 * The platform operator key for standalone mode: PHOENIX_PLATFORM_KEY when set, else the one
 * generated on first start and kept in DATA_DIR/credentials.json (mode 0600).
 */
export function resolvePlatformKey(dataDir: string, fromEnv: string | undefined): PlatformKey {
  if (fromEnv) return { key: fromEnv, generated: false };
  const { value, file, generated } = storedSecret(dataDir, 'platform_key', 24, () => `phx_platform_${randomBytes(32).toString('base64url')}`);
  return { key: value, file, generated };
}
