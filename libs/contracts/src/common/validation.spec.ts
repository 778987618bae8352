import { z } from 'zod';
import { ErrorCode } from '../errors/error-code';
import { findUnstorableText, parseOrThrow } from './validation';

describe('findUnstorableText', () => {
  it('finds NUL and unpaired surrogates in values and keys, at any depth', () => {
    expect(findUnstorableText({ a: 'fine', b: ['ok', { c: 'x\u0000y' }] })).toBe('b.1.c');
    expect(findUnstorableText({ meta: { 'k\uD800': 1 } })).toBe('meta.k\uD800');
    expect(findUnstorableText('\uDFFF')).toBe('(root)');
    expect(findUnstorableText({ a: 'lone \uD83D end' })).toBe('a');
  });

  it('accepts ordinary text, emoji (paired surrogates) and deep nesting', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findUnstorableText({ a: 'héllo 😀 مرحبا', deep })).toBeUndefined();
  });
});

describe('parseOrThrow', () => {
  it('refuses unstorable text with a 400-class error naming the path, before the schema runs', () => {
    expect(() => parseOrThrow(z.object({ name: z.string() }), { name: 'a\u0000' })).toThrow(
      expect.objectContaining({ code: ErrorCode.Validation, details: [expect.objectContaining({ path: 'name' })] }),
    );
  });

  it('reports every schema problem at once', () => {
    expect(() => parseOrThrow(z.strictObject({ a: z.number(), b: z.string() }), { a: 'x', c: 1 })).toThrow(
      expect.objectContaining({ details: expect.arrayContaining([expect.objectContaining({ path: 'a' }), expect.objectContaining({ path: 'b' })]) }),
    );
  });
});
