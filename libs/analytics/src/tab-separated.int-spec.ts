import { ClickHouseClient, createClient } from '@clickhouse/client';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse, insertTabSeparated } from './clickhouse';
import { escapeTabSeparated, toTabSeparated } from './tab-separated';

// Hostile strings through the TabSeparated payload into real chDB and back, on both insert paths:
// chDB's raw insert (what createClickHouse's embedded client takes) and the client's own insert
// (what a ClickHouse server gets), here over a plain chDB connection that the first does not know.

let dir: string;
let embedded: ClickHouseClient;
let generic: ClickHouseClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'phoenix-tsv-'));
  embedded = createClickHouse({ path: dir });
  const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/dist/connection');
  generic = createClient({ connection: createChdbConnection({ path: dir }) as never });
  await embedded.command({ query: 'CREATE TABLE tsv_round_trip (id UInt32, text String, other String) ENGINE = MergeTree ORDER BY id' });
}, 30_000);

afterAll(async () => {
  await generic?.close();
  await embedded?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const HOSTILE = [
  '',
  '\t',
  '\n',
  '\r\n',
  '\\',
  '\\t',
  '\\n',
  '\\\\\t\\',
  '\0',
  'a\0b',
  'end\\',
  '\\N',
  'NULL',
  "'quoted'",
  '"double"',
  'tab\tin\tthe\tmiddle',
  'line\nbreaks\n\n',
  '{"json":"with \\"escapes\\" and \\\\ and \\n"}',
  '\b\f\v\x1b',
  'Grüße, 日本語, emoji 🎁👩‍👩‍👧',
  '\u2028\u2029',
  ' leading and trailing ',
];

async function roundTrip(client: ClickHouseClient, texts: string[], firstId: number): Promise<string[]> {
  const rows = texts.map((text, i) => ({ id: firstId + i, text, other: `after ${i}` }));
  await insertTabSeparated(client, { table: 'tsv_round_trip', columns: ['id', 'text', 'other'], body: toTabSeparated(rows, ['id', 'text', 'other']) });
  const result = await embedded.query({
    query: 'SELECT text, other FROM tsv_round_trip WHERE id >= {from:UInt32} AND id < {to:UInt32} ORDER BY id',
    query_params: { from: firstId, to: firstId + texts.length },
    format: 'JSONEachRow',
  });
  const stored = await result.json<{ text: string; other: string }>();
  // The column after the hostile one is intact too: no escape swallowed a separator.
  expect(stored.map((row) => row.other)).toEqual(rows.map((row) => row.other));
  return stored.map((row) => row.text);
}

describe('TabSeparated inserts into chDB', () => {
  let nextId = 0;
  const ids = (count: number) => (nextId += count) - count;

  it.each([
    ['raw insert (embedded)', () => embedded],
    ["the client's insert (server path)", () => generic],
  ])('%s stores hostile strings exactly', async (_, client) => {
    await expect(roundTrip(client(), HOSTILE, ids(HOSTILE.length))).resolves.toEqual(HOSTILE);
  });

  it('stores any well-formed unicode exactly (fuzzed, both paths)', async () => {
    // Well-formed: a lone surrogate cannot be UTF-8 and is written as U+FFFD, by JSON formats too.
    const texts = fc.sample(fc.string({ unit: fc.oneof(fc.constantFrom('\\', '\t', '\n', '\r', '\0'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 30 }), 500);
    await expect(roundTrip(embedded, texts, ids(texts.length))).resolves.toEqual(texts);
    await expect(roundTrip(generic, texts, ids(texts.length))).resolves.toEqual(texts);
  });

  it('escapes only what TabSeparated reads specially', () => {
    expect(escapeTabSeparated('plain text, "quotes" and \'apostrophes\'')).toBe('plain text, "quotes" and \'apostrophes\'');
    expect(escapeTabSeparated('a\\b\tc\nd\re\0f')).toBe('a\\\\b\\tc\\nd\\re\\0f');
  });

  it("reports a refused row with the client's error type on both paths", async () => {
    const body = Buffer.from('not a number\tx\ty\n');
    for (const client of [embedded, generic]) {
      await expect(insertTabSeparated(client, { table: 'tsv_round_trip', columns: ['id', 'text', 'other'], body })).rejects.toMatchObject({
        type: expect.stringMatching(/^CANNOT_PARSE/),
      });
    }
  });
});
