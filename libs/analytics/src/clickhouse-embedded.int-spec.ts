import type { ClickHouseClient } from '@clickhouse/client';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse } from './clickhouse';

// chDB only, whatever ClickHouse the test run has: what it tests (the engine opened on first use,
// its data directory) is embedded mode's. chDB is one engine per process: this file opens its own.
describe('embedded ClickHouse (chDB)', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'phoenix-chdb-lazy-'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('opens the engine on the first statement only, running onEmbeddedOpen once before any statement', async () => {
    const path = join(root, 'chdb');
    const seen: string[] = [];
    const client: ClickHouseClient = createClickHouse({
      path,
      onEmbeddedOpen: async (engine) => {
        seen.push('open');
        await engine.command({ query: 'CREATE TABLE IF NOT EXISTS opened (n UInt8) ENGINE = MergeTree ORDER BY n' });
      },
    });
    try {
      // Created but never used: nothing loaded, nothing on disk.
      expect(existsSync(path)).toBe(false);

      const [first, second] = await Promise.all([
        client.query({ query: 'SELECT count() AS n FROM opened', format: 'JSONEachRow' }),
        client.query({ query: 'SELECT 1 AS n', format: 'JSONEachRow' }),
      ]);
      expect(await first.json()).toEqual([{ n: 0 }]);
      expect(await second.json()).toEqual([{ n: 1 }]);
      expect(seen).toEqual(['open']);
      expect(existsSync(path)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('closes a client that never opened the engine without opening it', async () => {
    const path = join(root, 'never');
    const client = createClickHouse({ path, onEmbeddedOpen: async () => void 0 });
    await client.close();
    expect(existsSync(path)).toBe(false);
  });
});
