import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CREDENTIALS_FILE = 'credentials.json';

export interface StoredSecret {
  value: string;
  file: string;
  /** True when made by this call (first start on this DATA_DIR). */
  generated: boolean;
}

/**
 * A secret the standalone generates once and keeps in DATA_DIR/credentials.json (mode 0600,
 * readable by its owner only), next to the others there: the stored `field` when it is at least
 * `minLength` long, else a new one from `generate`, written back.
 */
export function storedSecret(dataDir: string, field: string, minLength: number, generate: () => string): StoredSecret {
  const file = join(dataDir, CREDENTIALS_FILE);
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const current = stored[field];
  if (typeof current === 'string' && current.length >= minLength) return { value: current, file, generated: false };
  const value = generate();
  // The mode given to writeFileSync applies to a new file only; an older one may be looser.
  if (existsSync(file)) chmodSync(file, 0o600);
  writeFileSync(file, `${JSON.stringify({ ...stored, [field]: value }, null, 2)}\n`, { mode: 0o600 });
  return { value, file, generated: true };
}
