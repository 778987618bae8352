import { PassThrough } from 'node:stream';
import { responseLogLevel, rootLogger } from './logging';

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

describe('rootLogger', () => {
  function written(pretty: boolean): { lines: () => string[]; log: ReturnType<typeof rootLogger> } {
    const destination = new PassThrough();
    const chunks: string[] = [];
    destination.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    return { log: rootLogger({ app: 'query-gateway', level: 'info', pretty, destination }), lines: () => chunks.join('').split('\n').filter(Boolean) };
  }

  it('writes JSON lines by default', () => {
    const { log, lines } = written(false);
    log.info({ order_id: 'o-1' }, 'purchase done');
    expect(JSON.parse(lines()[0]!)).toMatchObject({ level: 30, app: 'query-gateway', order_id: 'o-1', msg: 'purchase done' });
  });

  it('writes one coloured line per entry when pretty: time, level, app, message, then the fields, secrets still redacted', () => {
    const { log, lines } = written(true);
    log.warn({ order_id: 'o-1', tenant: { api_key: 'secret-key' } }, 'purchase slow');
    const [line, ...rest] = lines();
    expect(rest).toEqual([]);
    expect(line).toContain('\u001b['); // ANSI colours
    // eslint-disable-next-line no-control-regex
    const plain = line!.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] WARN: \[query-gateway\] purchase slow \{.*"order_id":"o-1".*\}$/);
    expect(plain).toContain('"api_key":"[redacted]"');
    expect(plain).not.toContain('secret-key');
  });
});
