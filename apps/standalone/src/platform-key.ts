import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  const file = join(dataDir, 'credentials.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { platform_key?: unknown };
    if (typeof stored.platform_key === 'string' && stored.platform_key.length >= 24) {
      return { key: stored.platform_key, file, generated: false };
    }
  }
  const key = `phx_platform_${randomBytes(32).toString('base64url')}`;
  writeFileSync(file, `${JSON.stringify({ platform_key: key }, null, 2)}\n`, { mode: 0o600 });
  return { key, file, generated: true };
}
