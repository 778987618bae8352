import { createHash } from 'node:crypto';
import { generateApiKey, generateSecret, hashApiKey, safeEqual } from './credentials';

const base64url43 = '[A-Za-z0-9_-]{43}'; // 32 random bytes, base64url without padding

function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

describe('generateApiKey', () => {
  it('is "phx_" followed by 32 random bytes in base64url', () => {
    const key = generateApiKey();
    expect(key).toMatch(new RegExp(`^phx_${base64url43}$`));
    expect(Buffer.from(key.slice('phx_'.length), 'base64url')).toHaveLength(32);
  });

  it('never repeats', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey()));
    expect(keys.size).toBe(200);
  });
});

describe('generateSecret', () => {
  it('is the prefix, an underscore and 32 random bytes in base64url', () => {
    const secret = generateSecret('whsec');
    expect(secret).toMatch(new RegExp(`^whsec_${base64url43}$`));
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64url')).toHaveLength(32);
  });

  it('keeps whatever prefix it is given', () => {
    expect(generateSecret('jwt').startsWith('jwt_')).toBe(true);
    expect(generateSecret('hmac').startsWith('hmac_')).toBe(true);
  });

  it('never repeats', () => {
    const secrets = new Set(Array.from({ length: 200 }, () => generateSecret('s')));
    expect(secrets.size).toBe(200);
  });
});

describe('hashApiKey', () => {
  it('is the lowercase hex SHA-256 of the key', () => {
    const key = 'phx_example';
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).toBe(sha256Hex(key));
  });

  it('matches the known SHA-256 test vector', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is deterministic and distinguishes different keys', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).not.toBe(hashApiKey(`${key}x`));
  });
});

describe('safeEqual', () => {
  it('is true for equal strings', () => {
    expect(safeEqual('secret-value', 'secret-value')).toBe(true);
    expect(safeEqual('', '')).toBe(true);
  });

  it('is false for different strings of the same length', () => {
    expect(safeEqual('secret-value', 'secret-valuf')).toBe(false);
  });

  it('is false for strings of different lengths without throwing', () => {
    expect(() => safeEqual('short', 'a much longer string')).not.toThrow();
    expect(safeEqual('short', 'a much longer string')).toBe(false);
    expect(safeEqual('prefix', 'prefix-and-more')).toBe(false);
    expect(safeEqual('', 'x')).toBe(false);
  });

  it('is case-sensitive', () => {
    expect(safeEqual('Secret', 'secret')).toBe(false);
  });
});
