import fc from 'fast-check';
import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  it('ignores key order', () => {
    expect(requestFingerprint('op', { a: 1, b: { c: 2, d: [1, 2] } })).toBe(
      requestFingerprint('op', { b: { d: [1, 2], c: 2 }, a: 1 }),
    );
  });

  it('differs between operations and between values', () => {
    expect(requestFingerprint('a', { x: 1 })).not.toBe(requestFingerprint('b', { x: 1 }));
    expect(requestFingerprint('a', { x: 1 })).not.toBe(requestFingerprint('a', { x: 2 }));
  });

  it('treats an undefined property like an absent one', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
