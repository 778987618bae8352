import { CLOCK_SKEW_SECONDS, headerProblem, isName, lifetimeProblem } from './jwt-policy';

const NOW = 1_700_000_000;
const DAY = 86_400;

describe('headerProblem', () => {
  it('accepts no typ, JWT and application/jwt in any case', () => {
    for (const typ of [undefined, 'JWT', 'jwt', 'application/jwt', 'Application/JWT']) {
      expect({ typ, problem: headerProblem({ typ }) }).toEqual({ typ, problem: undefined });
    }
  });

  it('refuses any other type: access tokens, encrypted tokens, non-strings', () => {
    for (const typ of ['at+jwt', 'application/at+jwt', 'JWE', 'JOSE', 'logout+jwt', 'JWTX', '', 42, ['JWT']]) {
      expect(headerProblem({ typ })).toMatch(/^Token type .* is not accepted/);
    }
  });

  it('refuses any crit header, whatever it names', () => {
    for (const crit of [['exp'], ['b64'], [], 'exp']) {
      expect(headerProblem({ typ: 'JWT', crit })).toMatch(/crit/);
    }
  });
});

describe('lifetimeProblem', () => {
  it('accepts up to the maximum, counted from iat', () => {
    expect(lifetimeProblem({ iat: NOW, exp: NOW + DAY }, NOW, DAY)).toBeUndefined();
    expect(lifetimeProblem({ iat: NOW - 3_600, exp: NOW + 60 }, NOW, DAY)).toBeUndefined();
    expect(lifetimeProblem({ iat: NOW, exp: NOW + DAY + 1 }, NOW, DAY)).toMatch(/lifetime exceeds the maximum of 86400 s/);
    expect(lifetimeProblem({ iat: NOW, exp: NOW + 100 * 365 * DAY }, NOW, DAY)).toMatch(/lifetime exceeds/);
  });

  it('without iat, counts from now, allowing for the clock skew', () => {
    expect(lifetimeProblem({ exp: NOW + DAY + CLOCK_SKEW_SECONDS }, NOW, DAY)).toBeUndefined();
    expect(lifetimeProblem({ exp: NOW + DAY + CLOCK_SKEW_SECONDS + 1 }, NOW, DAY)).toMatch(/lifetime exceeds/);
  });

  it('refuses an iat in the future, which would stretch the lifetime', () => {
    expect(lifetimeProblem({ iat: NOW + CLOCK_SKEW_SECONDS, exp: NOW + 120 }, NOW, DAY)).toBeUndefined();
    expect(lifetimeProblem({ iat: NOW + 365 * DAY, exp: NOW + 365 * DAY + 60 }, NOW, DAY)).toMatch(/iat is in the future/);
  });

  it('refuses a token without exp, or with an iat that is not a number', () => {
    expect(lifetimeProblem({ iat: NOW }, NOW, DAY)).toMatch(/no exp/);
    expect(lifetimeProblem({ iat: 'yesterday' as never, exp: NOW + 60 }, NOW, DAY)).toMatch(/iat must be a number/);
  });
});

describe('isName', () => {
  it('is a non-empty string', () => {
    expect(isName('ops')).toBe(true);
    for (const value of ['', undefined, null, 7, {}]) expect(isName(value)).toBe(false);
  });
});
