import fc from 'fast-check';
import { AppError, ErrorCode, RewardField } from '@phoenix/contracts';
import { assertCompleteFieldValues, assertValidFieldValues, checkFieldValues } from './field-values';

type TextField = Extract<RewardField, { type: 'text' }>;

const text = (name: string, extra: Partial<TextField> = {}): RewardField => ({ name, label: name, required: false, type: 'text', ...extra });
const select = (name: string, values: string[], required = false): RewardField => ({
  name,
  label: name,
  required,
  type: 'select',
  options: values.map((value) => ({ value, label: value.toUpperCase() })),
});

function errorOf(fn: () => unknown): AppError | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  return undefined;
}

describe('checkFieldValues', () => {
  it('accepts valid values and absent optional fields', () => {
    const defs = [text('name', { required: true }), text('note'), select('size', ['s', 'm'])];
    expect(checkFieldValues(defs, { name: 'Ada', size: 'm' })).toEqual({ details: [], missingRequired: [] });
  });

  it('accepts no definitions and no values', () => {
    expect(checkFieldValues([], {})).toEqual({ details: [], missingRequired: [] });
  });

  it('reports values that have no definition', () => {
    expect(checkFieldValues([text('a')], { a: 'x', b: 'y', A: 'z' }).details).toEqual([
      { path: 'fields.b', message: 'is not a field of this reward' },
      { path: 'fields.A', message: 'is not a field of this reward' },
    ]);
  });

  it('does not mistake Object.prototype members for definitions or values', () => {
    const values = JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<string, string>;
    expect(checkFieldValues([], values).details.map((d) => d.path)).toEqual(['fields.__proto__', 'fields.constructor']);
    expect(checkFieldValues([text('constructor', { required: true })], {}).missingRequired).toEqual(['constructor']);
    expect(checkFieldValues([text('toString', { required: true })], { toString: 'ok' })).toEqual({ details: [], missingRequired: [] });
  });

  it.each([
    ['absent', {}],
    ['empty', { a: '' }],
    ['whitespace only', { a: ' \t\n ' }],
  ])('lists a required field that is %s as missing, not as a detail', (_case, values: Record<string, string>) => {
    expect(checkFieldValues([text('a', { required: true, min_length: 3, pattern: '^x$' })], values)).toEqual({
      details: [],
      missingRequired: ['a'],
    });
  });

  it('does not validate a blank optional value', () => {
    expect(checkFieldValues([text('a', { min_length: 3 }), select('s', ['x'])], { a: '', s: '  ' }).details).toEqual([]);
  });

  it('lists missing required fields in definition order', () => {
    const defs = [text('b', { required: true }), select('a', ['x'], true), text('c')];
    expect(checkFieldValues(defs, {}).missingRequired).toEqual(['b', 'a']);
  });

  describe('text', () => {
    it('checks min_length and max_length by string length, inclusively', () => {
      const defs = [text('a', { min_length: 2, max_length: 4 })];
      expect(checkFieldValues(defs, { a: 'x' }).details).toEqual([{ path: 'fields.a', message: 'must be at least 2 characters' }]);
      expect(checkFieldValues(defs, { a: 'xy' }).details).toEqual([]);
      expect(checkFieldValues(defs, { a: 'wxyz' }).details).toEqual([]);
      expect(checkFieldValues(defs, { a: 'vwxyz' }).details).toEqual([{ path: 'fields.a', message: 'must be at most 4 characters' }]);
    });

    it('tests the value against the pattern', () => {
      const defs = [text('code', { pattern: '^[A-Z]{3}-\\d+$' })];
      expect(checkFieldValues(defs, { code: 'ABC-12' }).details).toEqual([]);
      expect(checkFieldValues(defs, { code: 'abc-12' }).details).toEqual([{ path: 'fields.code', message: 'does not match the required format' }]);
    });

    it('requires the whole value to match, even when the pattern has no anchors', () => {
      expect(checkFieldValues([text('a', { pattern: '\\d' })], { a: 'abc1' }).details).toHaveLength(1);
      expect(checkFieldValues([text('a', { pattern: '\\d+' })], { a: '123' }).details).toEqual([]);
      expect(checkFieldValues([text('a', { pattern: '^\\+251[0-9]{9}$' })], { a: '+251912345678' }).details).toEqual([]);
    });

    // Definitions saved before patterns ran on RE2 may hold a lookahead, a backreference or a
    // huge repeat: the value is refused, nothing throws and nothing backtracks.
    it.each(['([', '(?=a)a', '(a)\\1', '\\p{L}{300}'])('refuses the value, without throwing, when the saved pattern %p is not usable', (pattern) => {
      const check = checkFieldValues([text('a', { pattern })], { a: 'anything' });
      expect(check.details).toEqual([{ path: 'fields.a', message: 'cannot be checked: the field pattern is not usable' }]);
    });

    it('checks a pattern that backtracks exponentially in JavaScript in linear time', () => {
      const started = process.hrtime.bigint();
      const check = checkFieldValues([text('a', { pattern: '(\\w+\\s?)*' })], { a: `${'a'.repeat(29)}!` });
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      expect(check.details).toEqual([{ path: 'fields.a', message: 'does not match the required format' }]);
      // RegExp needs seconds here (each extra character doubles it); RE2 well under a millisecond.
      expect(elapsedMs).toBeLessThan(50);
    });

    it.each(['a\nb', 'a\rb', 'a\r\nb', '\nab'])('refuses the newline in %j unless multiline', (value) => {
      expect(checkFieldValues([text('a')], { a: value }).details).toEqual([{ path: 'fields.a', message: 'must be a single line' }]);
      expect(checkFieldValues([text('a', { multiline: false })], { a: value }).details).toHaveLength(1);
      expect(checkFieldValues([text('a', { multiline: true })], { a: value }).details).toEqual([]);
    });

    it('allows tabs on a single line', () => {
      expect(checkFieldValues([text('a')], { a: 'a\tb' }).details).toEqual([]);
    });

    it('reports every problem of one field', () => {
      const check = checkFieldValues([text('a', { max_length: 3, pattern: '^\\d+$' })], { a: 'ab\ncd' });
      expect(check.details).toEqual([
        { path: 'fields.a', message: 'must be at most 3 characters' },
        { path: 'fields.a', message: 'does not match the required format' },
        { path: 'fields.a', message: 'must be a single line' },
      ]);
    });
  });

  describe('select', () => {
    it('accepts exactly one of the option values (not labels, not case variants)', () => {
      const defs = [select('size', ['s', 'm'])];
      expect(checkFieldValues(defs, { size: 's' }).details).toEqual([]);
      for (const value of ['S', ' s', 'x']) {
        expect(checkFieldValues(defs, { size: value }).details).toEqual([{ path: 'fields.size', message: 'must be one of: s, m' }]);
      }
    });
  });

  it('reports problems across fields at once', () => {
    const defs = [text('a', { min_length: 5 }), select('b', ['x']), text('c', { required: true })];
    const check = checkFieldValues(defs, { a: 'x', b: 'y', d: 'z' });
    expect(check.details.map((d) => d.path)).toEqual(['fields.a', 'fields.b', 'fields.d']);
    expect(check.missingRequired).toEqual(['c']);
  });

  describe('never throws', () => {
    const name = fc.oneof(fc.constantFrom('a', 'b', 'constructor', '__proto__', 'toString'), fc.string({ maxLength: 8 }));
    const pattern = fc.oneof(
      fc.constantFrom('(', '[', '\\', '*', '(?<x>a)(?<x>b)', '[z-a]', 'a{2,1}', '(?=', '\\k<nope>', '^$', '.*', '\\u{zz}'),
      fc.string({ maxLength: 12 }),
    );
    const textField: fc.Arbitrary<RewardField> = fc.record(
      {
        name,
        label: fc.string(),
        required: fc.boolean(),
        type: fc.constant('text' as const),
        pattern,
        min_length: fc.nat(30),
        max_length: fc.nat(30),
        multiline: fc.boolean(),
      },
      { requiredKeys: ['name', 'label', 'required', 'type'] },
    );
    const selectField: fc.Arbitrary<RewardField> = fc.record({
      name,
      label: fc.string(),
      required: fc.boolean(),
      type: fc.constant('select' as const),
      options: fc.array(fc.record({ value: fc.string({ maxLength: 5 }), label: fc.string() }), { maxLength: 5 }),
    });
    const definitions = fc.array(fc.oneof(textField, selectField), { maxLength: 6 });
    const values = fc
      .array(fc.tuple(name, fc.string({ maxLength: 40, unit: 'grapheme-composite' })), { maxLength: 8 })
      .map((entries) => Object.fromEntries(entries) as Record<string, string>);

    it('for arbitrary definitions and values, reporting only about known names', () => {
      fc.assert(
        fc.property(definitions, values, (defs, vals) => {
          const check = checkFieldValues(defs, vals);
          const given = new Set(Object.keys(vals));
          const required = new Set(defs.filter((d) => d.required).map((d) => d.name));
          for (const detail of check.details) {
            expect(given.has(detail.path.slice('fields.'.length))).toBe(true);
            expect(detail.message.length).toBeGreaterThan(0);
          }
          for (const missing of check.missingRequired) expect(required.has(missing)).toBe(true);
          // The asserting wrappers only ever throw validation AppErrors.
          for (const assert of [assertCompleteFieldValues, assertValidFieldValues]) {
            const error = errorOf(() => assert(defs, vals));
            if (error) expect(error.code).toBe(ErrorCode.Validation);
          }
        }),
        { numRuns: 500 },
      );
    });
  });
});

describe('assertCompleteFieldValues', () => {
  const defs = [text('a', { required: true }), select('b', ['x'])];

  it('passes complete valid values', () => {
    expect(() => assertCompleteFieldValues(defs, { a: 'ok', b: 'x' })).not.toThrow();
  });

  it('reports invalid values and missing required fields together', () => {
    const error = errorOf(() => assertCompleteFieldValues(defs, { b: 'y' }));
    expect(error?.code).toBe(ErrorCode.Validation);
    expect(error?.message).toBe('Invalid fields');
    expect(error?.details).toEqual([
      { path: 'fields.b', message: 'must be one of: x' },
      { path: 'fields.a', message: 'is required' },
    ]);
  });

  it('throws for a missing required field alone', () => {
    expect(errorOf(() => assertCompleteFieldValues(defs, { a: '   ' }))?.details).toEqual([{ path: 'fields.a', message: 'is required' }]);
  });
});

describe('assertValidFieldValues', () => {
  const defs = [text('a', { required: true }), text('c', { required: true }), select('b', ['x'])];

  it('returns the missing required fields instead of throwing for them', () => {
    expect(assertValidFieldValues(defs, {})).toEqual(['a', 'c']);
    expect(assertValidFieldValues(defs, { a: 'ok', b: 'x' })).toEqual(['c']);
    expect(assertValidFieldValues(defs, { a: 'ok', c: 'ok' })).toEqual([]);
  });

  it('throws on invalid values, listing only those', () => {
    const error = errorOf(() => assertValidFieldValues(defs, { b: 'nope', z: '1' }));
    expect(error?.code).toBe(ErrorCode.Validation);
    expect(error?.message).toBe('Invalid fields');
    expect(error?.details).toEqual([
      { path: 'fields.b', message: 'must be one of: x' },
      { path: 'fields.z', message: 'is not a field of this reward' },
    ]);
  });
});
