import { responseLogLevel } from './logging';

describe('responseLogLevel', () => {
  it('logs failures at warn and error, and skips what the configured level would not write', () => {
    const warn = responseLogLevel('warn');
    expect([warn(200, undefined), warn(304, undefined), warn(404, undefined), warn(503, undefined), warn(200, new Error('x'))]).toEqual([
      'silent', 'silent', 'warn', 'error', 'error',
    ]);
    expect(responseLogLevel('error')(404, undefined)).toBe('silent');
  });

  it('writes successful responses at debug when debug is on', () => {
    expect(responseLogLevel('debug')(200, undefined)).toBe('debug');
    expect(responseLogLevel('trace')(201, undefined)).toBe('debug');
  });

  it('writes nothing when logging is silent', () => {
    expect(responseLogLevel('silent')(500, new Error('x'))).toBe('silent');
  });
});
