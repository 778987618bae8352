import { responseLogLevel } from './logging';

describe('responseLogLevel', () => {
  it("logs a client's error at info and a failure at error, and skips what the configured level would not write", () => {
    const info = responseLogLevel('info');
    expect([info(200, undefined), info(304, undefined), info(401, undefined), info(404, undefined), info(503, undefined), info(200, new Error('x'))]).toEqual([
      'silent', 'silent', 'info', 'info', 'error', 'error',
    ]);
    // Never warn: at warn a client's error is not written at all.
    expect(responseLogLevel('warn')(409, undefined)).toBe('silent');
    expect(responseLogLevel('warn')(500, undefined)).toBe('error');
  });

  it('writes successful responses at debug when debug is on', () => {
    expect(responseLogLevel('debug')(200, undefined)).toBe('debug');
    expect(responseLogLevel('trace')(201, undefined)).toBe('debug');
  });

  it('writes nothing when logging is silent', () => {
    expect(responseLogLevel('silent')(500, new Error('x'))).toBe('silent');
  });
});
