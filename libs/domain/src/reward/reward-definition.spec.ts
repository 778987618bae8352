import { AppError, ErrorCode, Fulfillment, RewardField } from '@phoenix/contracts';
import { assertValidRewardDefinition, RewardDefinition, rewardDefinitionProblems } from './reward-definition';

const manual: Fulfillment = { type: 'manual' };
const text = (name: string, extra: Partial<Extract<RewardField, { type: 'text' }>> = {}): RewardField => ({
  name,
  label: name,
  required: false,
  type: 'text',
  ...extra,
});
const select = (name: string, values: string[]): RewardField => ({
  name,
  label: name,
  required: false,
  type: 'select',
  options: values.map((value) => ({ value, label: value })),
});
const def = (overrides: Partial<RewardDefinition> = {}): RewardDefinition => ({ fields: [], fulfillment: manual, ...overrides });

describe('rewardDefinitionProblems', () => {
  it('accepts a well-formed definition', () => {
    expect(
      rewardDefinitionProblems(
        def({
          fields: [text('phone', { pattern: '^\\+?[0-9 ]{6,20}$', min_length: 6, max_length: 20 }), select('size', ['S', 'M', 'L'])],
          purchase: { prices: [{ currency: 'coins', amount: 100 }, { currency: 'gems', amount: 5 }] },
        }),
      ),
    ).toEqual([]);
  });

  it('accepts no fields, no purchase and a null purchase', () => {
    expect(rewardDefinitionProblems(def())).toEqual([]);
    expect(rewardDefinitionProblems(def({ purchase: null }))).toEqual([]);
  });

  it('reports a pattern that does not compile', () => {
    expect(rewardDefinitionProblems(def({ fields: [text('a'), text('b', { pattern: '([a-z]' })] }))).toEqual([
      { path: 'fields.1.pattern', message: 'is not a valid regular expression (RE2 syntax: no lookaround or backreferences): missing closing ): `([a-z]`' },
    ]);
  });

  // RE2 matches in linear time because it has no backtracking features: they are refused.
  it.each(['(?=a)a', '(?!a)b', '(?<=a)b', '(a)\\1', '(?<x>a)\\k<x>'])('rejects the backtracking-only pattern %p', (pattern) => {
    expect(rewardDefinitionProblems(def({ fields: [text('a', { pattern })] }))).toEqual([
      { path: 'fields.0.pattern', message: expect.stringContaining('not a valid regular expression (RE2 syntax') },
    ]);
  });

  it('rejects a pattern whose compiled program is too large to check quickly, naming its size', () => {
    expect(rewardDefinitionProblems(def({ fields: [text('a', { pattern: '\\p{L}{300}' })] }))).toEqual([
      { path: 'fields.0.pattern', message: expect.stringMatching(/^is too complex: it expands to about \d+ steps, at most 200/) },
    ]);
    expect(rewardDefinitionProblems(def({ fields: [text('a', { pattern: '[a-z]{150}' })] }))).toEqual([]);
  });

  it('accepts a pattern that backtracks exponentially in JavaScript: RE2 runs it in linear time', () => {
    expect(rewardDefinitionProblems(def({ fields: [text('a', { pattern: '(\\w+\\s?)*' })] }))).toEqual([]);
  });

  it.each(['*', '(?<x>a)(?<x>b)', '[z-a]', 'a{2,1}', '\\'])('rejects the invalid pattern %p', (pattern) => {
    expect(rewardDefinitionProblems(def({ fields: [text('a', { pattern })] }))).toEqual([
      { path: 'fields.0.pattern', message: expect.stringContaining('not a valid regular expression') },
    ]);
  });

  it('reports min_length above max_length, but allows them equal or alone', () => {
    expect(rewardDefinitionProblems(def({ fields: [text('a', { min_length: 5, max_length: 4 })] }))).toEqual([
      { path: 'fields.0.min_length', message: 'must not exceed max_length (4)' },
    ]);
    expect(rewardDefinitionProblems(def({ fields: [text('a', { min_length: 4, max_length: 4 })] }))).toEqual([]);
    expect(rewardDefinitionProblems(def({ fields: [text('a', { min_length: 50 }), text('b', { max_length: 1 })] }))).toEqual([]);
  });

  it('reports every repeat of a field name, case-sensitively', () => {
    const problems = rewardDefinitionProblems(def({ fields: [text('email'), text('Email'), select('email', ['x']), text('email')] }));
    expect(problems.map((p) => p.path)).toEqual(['fields.2.name', 'fields.3.name']);
    expect(problems[0].message).toContain('field 0');
  });

  it('reports repeated option values within a select, not across selects', () => {
    expect(rewardDefinitionProblems(def({ fields: [select('a', ['x', 'y', 'x', 'X']), select('b', ['x', 'y'])] }))).toEqual([
      { path: 'fields.0.options.2.value', message: 'duplicate option value "x"' },
    ]);
  });

  it('reports repeated price currencies', () => {
    expect(
      rewardDefinitionProblems(
        def({ purchase: { prices: [{ currency: 'coins', amount: 1 }, { currency: 'coins', amount: 2 }, { currency: 'Coins', amount: 3 }] } }),
      ),
    ).toEqual([{ path: 'purchase.prices.1.currency', message: 'duplicate currency "coins"' }]);
  });

  it('reports all problems at once', () => {
    const problems = rewardDefinitionProblems(
      def({
        fields: [text('a', { pattern: '(', min_length: 9, max_length: 2 }), text('a'), select('s', ['1', '1'])],
        fulfillment: { type: 'api', retry: { max_attempts: 3, backoff_seconds: [1] } },
        purchase: { prices: [{ currency: 'c', amount: 1 }, { currency: 'c', amount: 1 }] },
      }),
    );
    expect(problems.map((p) => p.path).sort()).toEqual(
      ['fields.0.min_length', 'fields.0.pattern', 'fields.1.name', 'fields.2.options.1.value', 'purchase.prices.1.currency'].sort(),
    );
  });
});

describe('assertValidRewardDefinition', () => {
  it('passes a valid definition', () => {
    expect(() => assertValidRewardDefinition(def({ fields: [text('a')] }))).not.toThrow();
  });

  it('throws a validation error carrying every detail', () => {
    let thrown: unknown;
    try {
      assertValidRewardDefinition(def({ fields: [text('a', { pattern: '[' }), text('a')] }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe(ErrorCode.Validation);
    expect(error.message).toBe('Invalid reward definition');
    expect(error.details?.map((d) => d.path)).toEqual(['fields.0.pattern', 'fields.1.name']);
  });
});
