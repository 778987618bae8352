import { AppError } from '@phoenix/contracts';
import Fastify from 'fastify';
import { fieldNestedDeeperThan, MAX_JSON_DEPTH, strictJsonParser } from './json-body';

const nested = (depth: number): unknown => {
  let value: unknown = {};
  for (let i = 1; i < depth; i += 1) value = { a: value };
  return value;
};

describe('fieldNestedDeeperThan', () => {
  it('accepts values up to the limit and names the top-level field past it', () => {
    expect(fieldNestedDeeperThan({ ok: 1, metadata: nested(3) }, 4)).toBeNull();
    expect(fieldNestedDeeperThan({ ok: 1, metadata: nested(4) }, 4)).toBe('metadata');
    expect(fieldNestedDeeperThan([1, [[[]]]], 3)).toBe('1');
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(fieldNestedDeeperThan({ config: deep }, MAX_JSON_DEPTH)).toBe('config');
  });
});

describe('strictJsonParser', () => {
  const parse = strictJsonParser(Fastify().getDefaultJsonParser('error', 'error'));
  const run = (bytes: Buffer) =>
    new Promise<{ error: Error | null; value?: unknown }>((resolve) => parse({} as never, bytes, (error, value) => resolve({ error, value })));

  it('parses valid UTF-8 JSON', async () => {
    expect(await run(Buffer.from('{"name":"Ünïcødé ✓ 😀"}'))).toEqual({ error: null, value: { name: 'Ünïcødé ✓ 😀' } });
  });

  it.each([
    ['a lone continuation byte', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d])],
    ['an overlong encoding', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')])],
    ['a UTF-16 surrogate encoded as UTF-8', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')])],
    ['Latin-1 text', Buffer.from('{"a":"café"}', 'latin1')],
  ])('refuses %s with a validation error', async (_name, bytes) => {
    const { error } = await run(bytes);
    expect(error).toBeInstanceOf(AppError);
    expect(error?.message).toBe('Request body is not valid UTF-8');
  });

  it('refuses a body nested past the limit, naming the field', async () => {
    const { error } = await run(Buffer.from(`{"metadata":${'['.repeat(10_000)}${']'.repeat(10_000)}}`));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual([{ path: 'metadata', message: `nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels` }]);
  });

  it('keeps refusing prototype poisoning', async () => {
    expect((await run(Buffer.from('{"__proto__":{"admin":true}}'))).error).not.toBeNull();
  });
});
