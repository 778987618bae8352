import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError, isSealed } from './secret-box';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const CONTEXT = 'catalog.tenants.jwt_secret:acme';

describe('SecretBox (secrets at rest, AES-256-GCM)', () => {
  const k1 = key('k1');
  const box = SecretBox.fromKeys(k1);

  it('round-trips, with a fresh IV each time and the key id in the stored form, never the plaintext', () => {
    const secret = 'jwt_' + randomBytes(32).toString('base64url');
    const [a, b] = [box.seal(secret, CONTEXT), box.seal(secret, CONTEXT)];
    expect(a).toMatch(/^enc:v1:k1:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(isSealed(a)).toBe(true);
    expect(box.open(a, CONTEXT)).toBe(secret);
    expect(box.open(b, CONTEXT)).toBe(secret);
  });

  it('refuses a tampered ciphertext, a truncated one, and one moved to another row or column', () => {
    const sealed = box.seal('whsec_c2VjcmV0', CONTEXT);
    const payload = Buffer.from(sealed.slice('enc:v1:k1:'.length), 'base64url');
    payload[payload.length - 1]! ^= 1;
    expect(() => box.open(`enc:v1:k1:${payload.toString('base64url')}`, CONTEXT)).toThrow(SecretBoxError);
    expect(() => box.open('enc:v1:k1:AAAA', CONTEXT)).toThrow('truncated');
    expect(() => box.open(sealed, 'catalog.tenants.jwt_secret:other')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'catalog.tenants.hmac_secret:acme')).toThrow(SecretBoxError);
  });

  it('refuses the wrong key: another key under the same id, or an id it does not hold', () => {
    const sealed = box.seal('hmac_x', CONTEXT);
    expect(() => SecretBox.fromKeys(key('k1')).open(sealed, CONTEXT)).toThrow(/does not open/);
    expect(() => SecretBox.fromKeys(key('k2')).open(sealed, CONTEXT)).toThrow(/key "k1", which neither SECRETS_KEY nor SECRETS_KEYS_OLD holds/);
  });

  it('rotation: a new current key seals, the old one (SECRETS_KEYS_OLD) still opens what it sealed, which then needs resealing', () => {
    const old = box.seal('jwt_old', CONTEXT);
    const rotated = SecretBox.fromKeys(key('k2'), [k1]);
    expect(rotated.open(old, CONTEXT)).toBe('jwt_old');
    expect(rotated.needsResealing(old)).toBe(true);
    const resealed = rotated.seal(rotated.open(old, CONTEXT), CONTEXT);
    expect(resealed).toMatch(/^enc:v1:k2:/);
    expect(rotated.needsResealing(resealed)).toBe(false);
    expect(rotated.currentPattern).toBe('enc:v1:k2:%');
  });

  it('reads a plaintext row from before encryption as it is, and marks it for sealing', () => {
    expect(box.open('jwt_plain', CONTEXT)).toBe('jwt_plain');
    expect(box.needsResealing('jwt_plain')).toBe(true);
  });

  it('refuses malformed keys and a key id given twice, without echoing the key', () => {
    const short = `k1:${randomBytes(16).toString('base64')}`;
    expect(() => SecretBox.fromKeys(short)).toThrow('a secrets key must be <key id>:<32 random bytes in base64>');
    expect(() => SecretBox.fromKeys(short)).not.toThrow(short);
    expect(() => SecretBox.fromKeys('no-colon')).toThrow(SecretBoxError);
    expect(() => SecretBox.fromKeys(k1, [key('k1')])).toThrow('secrets key id "k1" is given twice');
  });
});
