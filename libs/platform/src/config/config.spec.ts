import { z } from 'zod';
import { ConfigError, databaseShape, env, gatewayAuthShape, loadConfig, rateLimitShape } from './config';

describe('loadConfig', () => {
  const schema = z.object({ ...databaseShape, PORT: env.port(3000), KEY: env.secret(32) });

  it('applies defaults and coerces numbers and booleans', () => {
    const config = loadConfig('test', schema, {
      DATABASE_URL: 'postgres://x@localhost/db',
      KEY: 'k'.repeat(32),
      MIGRATIONS_RUN: 'false',
    });
    expect(config).toMatchObject({ PORT: 3000, DATABASE_POOL_SIZE: 10, MIGRATIONS_RUN: false });
  });

  it('names every problem at once and never echoes a value', () => {
    const secretValue = 'short-secret-value';
    let error: unknown;
    try {
      loadConfig('test', schema, { DATABASE_URL: 'mysql://nope', KEY: secretValue, PORT: 'abc' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('KEY: must be at least 32 characters');
    expect(message).toContain('PORT');
    expect(message).not.toContain(secretValue);
  });

  it('treats an empty variable as unset', () => {
    expect(() => loadConfig('test', schema, { DATABASE_URL: '', KEY: 'k'.repeat(32) })).toThrow(/DATABASE_URL: is required/);
  });

  it('rate limits: production defaults, 0 turns a rate off, a burst is at least 1', () => {
    const limits = z.object(rateLimitShape);
    expect(loadConfig('test', limits, {})).toEqual({
      RATE_LIMIT_TENANT_PER_SECOND: 500,
      RATE_LIMIT_TENANT_BURST: 1_000,
      RATE_LIMIT_USER_PER_SECOND: 10,
      RATE_LIMIT_USER_BURST: 40,
      RATE_LIMIT_AUTH_FAILURES_PER_SECOND: 10,
      RATE_LIMIT_AUTH_FAILURES_BURST: 100,
    });
    expect(loadConfig('test', limits, { RATE_LIMIT_USER_PER_SECOND: '0' }).RATE_LIMIT_USER_PER_SECOND).toBe(0);
    expect(() => loadConfig('test', limits, { RATE_LIMIT_TENANT_BURST: '0', RATE_LIMIT_USER_PER_SECOND: '-1' })).toThrow(
      /RATE_LIMIT_TENANT_BURST[\s\S]*RATE_LIMIT_USER_PER_SECOND/,
    );
  });

  it('gateway auth: defaults, and trusted proxies are addresses, CIDR ranges or named ranges', () => {
    const auth = z.object(gatewayAuthShape);
    expect(loadConfig('test', auth, {})).toEqual({
      AUTH_CACHE_TTL_MS: 30_000,
      AUTH_NEGATIVE_CACHE_TTL_MS: 5_000,
      JWT_MAX_LIFETIME_SECONDS: 86_400,
      TRUSTED_PROXIES: [],
    });
    const proxies = '10.0.0.0/8, 192.168.1.7, loopback, fd00::/8, ::1';
    expect(loadConfig('test', auth, { TRUSTED_PROXIES: proxies }).TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '192.168.1.7', 'loopback', 'fd00::/8', '::1']);
    for (const bad of ['proxy.example.com', '10.0.0.0/33', '10.0.0.0/8/8', 'fd00::/129', '10.0.0.0/']) {
      expect(() => loadConfig('test', auth, { TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES/);
    }
    expect(() => loadConfig('test', auth, { JWT_MAX_LIFETIME_SECONDS: '10' })).toThrow(/JWT_MAX_LIFETIME_SECONDS/);
  });
});
