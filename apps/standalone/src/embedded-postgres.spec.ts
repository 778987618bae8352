import { resolve } from 'node:path';
import { EarlyEmbeddedPostgres, rawOptions, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres';

describe('rawOptions: what the embedded Postgres starts with before the config is validated', () => {
  it('reads DATA_DIR (resolved), PGLITE_PORT and PGLITE_SHARED_BUFFERS, with the config defaults', () => {
    expect(rawOptions({})).toEqual({ dataDir: resolve('./.phoenix-data'), host: '127.0.0.1', port: 0, sharedBuffers: '32MB' });
    expect(rawOptions({ DATA_DIR: '/tmp/x', PGLITE_PORT: '5544', PGLITE_SHARED_BUFFERS: '64MB' })).toEqual({
      dataDir: '/tmp/x',
      host: '127.0.0.1',
      port: 5544,
      sharedBuffers: '64MB',
    });
  });

  it('starts nothing for DATABASE_URL, or for a value the config would refuse', () => {
    expect(rawOptions({ DATABASE_URL: 'postgres://h/db' })).toBeUndefined();
    expect(rawOptions({ PGLITE_PORT: 'abc' })).toBeUndefined();
    expect(rawOptions({ PGLITE_PORT: '70000' })).toBeUndefined();
    expect(rawOptions({ PGLITE_SHARED_BUFFERS: 'lots' })).toBeUndefined();
  });
});

describe('EarlyEmbeddedPostgres.take', () => {
  const options: EmbeddedPostgresOptions = { dataDir: '/data', host: '127.0.0.1', port: 0, sharedBuffers: '32MB' };

  /** A starter that records what it started and what was closed. */
  function starter() {
    const started: EmbeddedPostgresOptions[] = [];
    const closed: string[] = [];
    const start = (wanted: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> => {
      started.push(wanted);
      const url = `postgres://${wanted.dataDir}:${wanted.port}`;
      return Promise.resolve({ url, close: () => Promise.resolve(void closed.push(url)) });
    };
    return { start, started, closed };
  }

  it('hands over the database started early when the validated config asks for the same', async () => {
    const s = starter();
    const early = new EarlyEmbeddedPostgres(options, s.start);
    const postgres = await early.take({ ...options });
    expect(postgres?.url).toBe('postgres:///data:0');
    expect(s.started).toHaveLength(1);
    expect(s.closed).toEqual([]);
  });

  it('closes it and starts one with the validated options when they differ', async () => {
    const s = starter();
    const early = new EarlyEmbeddedPostgres(options, s.start);
    const postgres = await early.take({ ...options, port: 6543 });
    expect(postgres?.url).toBe('postgres:///data:6543');
    expect(s.closed).toEqual(['postgres:///data:0']);
  });

  it('closes it when the validated config names DATABASE_URL, and starts one when nothing was started early', async () => {
    const s = starter();
    expect(await new EarlyEmbeddedPostgres(options, s.start).take(undefined)).toBeUndefined();
    expect(s.closed).toEqual(['postgres:///data:0']);
    expect((await new EarlyEmbeddedPostgres(undefined, s.start).take(options))?.url).toBe('postgres:///data:0');
    expect(s.started).toHaveLength(2);
  });

  it('starts anew when the early start failed', async () => {
    let calls = 0;
    const start = (wanted: EmbeddedPostgresOptions) =>
      ++calls === 1 ? Promise.reject(new Error('port taken')) : Promise.resolve({ url: `second:${wanted.port}`, close: () => Promise.resolve() });
    const postgres = await new EarlyEmbeddedPostgres(options, start).take({ ...options, port: 1 });
    expect(postgres?.url).toBe('second:1');
  });
});
