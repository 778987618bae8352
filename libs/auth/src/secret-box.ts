import { SECRETS_KEY_FORMAT, SECRETS_KEY_PATTERN } from '@phoenix/platform';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Sealed values start so; anything else in a secret column is a plaintext row from before encryption. */
const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/**
 * Secrets at rest that must be recoverable (tenants' jwt, hmac and webhook secrets, webhook
 * endpoint secrets): AES-256-GCM with a random 96-bit IV, stored as
 * `enc:v1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`. The caller's `context` (table, column,
 * row id) is authenticated with it, so a sealed value copied into another row does not open.
 * Messages never carry a secret or a key.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentId: string;
  private readonly currentKey: Buffer;

  private constructor(current: { id: string; key: Buffer }, old: ReadonlyArray<{ id: string; key: Buffer }>) {
    this.currentId = current.id;
    this.currentKey = current.key;
    for (const { id, key } of [current, ...old]) {
      if (this.keys.has(id)) throw new SecretBoxError(`secrets key id "${id}" is given twice`);
      this.keys.set(id, key);
    }
  }

  /** The current key (seals and opens) and older ones (open only). */
  static fromKeys(current: string, old: readonly string[] = []): SecretBox {
    return new SecretBox(parseKey(current), old.map(parseKey));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.currentKey, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.currentId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The plaintext of a sealed value; a plaintext row (no `enc:` prefix) as it is. */
  open(stored: string, context: string): string {
    if (!isSealed(stored)) return stored;
    const [id, payload = ''] = splitOnce(stored.slice(PREFIX.length), ':');
    const key = this.keys.get(id);
    if (!key) throw new SecretBoxError(`a secret is sealed with key "${id}", which neither SECRETS_KEY nor SECRETS_KEYS_OLD holds`);
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('a sealed secret is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(`a secret sealed with key "${id}" does not open: changed, moved to another row, or another key under that id`);
    }
  }

  /** True for a plaintext row and for one sealed under an older key: start-up seals it anew. */
  needsResealing(stored: string): boolean {
    return !stored.startsWith(`${PREFIX}${this.currentId}:`);
  }

  /** What a query matches for values sealed under the current key (`LIKE`). */
  get currentPattern(): string {
    return `${PREFIX}${this.currentId}:%`;
  }
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

function parseKey(value: string): { id: string; key: Buffer } {
  if (!SECRETS_KEY_PATTERN.test(value)) throw new SecretBoxError(`a secrets key must be ${SECRETS_KEY_FORMAT}`);
  const [id, key = ''] = splitOnce(value, ':');
  return { id, key: Buffer.from(key, 'base64') };
}

function splitOnce(value: string, separator: string): [string, string | undefined] {
  const at = value.indexOf(separator);
  return at < 0 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}
