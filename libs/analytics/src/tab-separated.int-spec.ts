import { ClickHouseClient, createClient } from '@clickhouse/client';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse, insertTabSeparated } from './clickhouse';
import { escapeTabSeparated, toTabSeparated } from './tab-separated';
import { createTestClickHouse, TestClickHouse, testClickHouseServer } from './test-clickhouse';

// Hostile strings through the TabSeparated payload into real ClickHouse and back, on both insert
// paths: chDB's raw insert (what createClickHouse's embedded client takes; chDB-only by nature) and
// the client's own insert (what a ClickHouse server gets). The second runs on the server of
// CLICKHOUSE_URL when the test run has one, else over a plain chDB connection that the first does
// not know (chDB is one engine per process: both then share this file's one data directory).

const SERVER = testClickHouseServer();
const CREATE = 'CREATE TABLE tsv_round_trip (id UInt32, text String, other String) ENGINE = MergeTree ORDER BY id';

let dir: string;
let embedded: ClickHouseClient;
/** The client's insert, and the client that reads its rows back. */
let clientPath: { client: ClickHouseClient; reader: ClickHouseClient };
let server: TestClickHouse | undefined;
let generic: ClickHouseClient | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'phoenix-tsv-'));
  embedded = createClickHouse({ path: dir });
  await embedded.command({ query: CREATE });
  if (SERVER) {
    server = await createTestClickHouse('phoenix_tsv');
    await server.client.command({ query: CREATE });
    clientPath = { client: server.client, reader: server.client };
  } else {
    const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/dist/connection');
    generic = createClient({ connection: createChdbConnection({ path: dir }) as never });
    clientPath = { client: generic, reader: embedded };
  }
}, 30_000);

afterAll(async () => {
  await server?.drop();
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

async function roundTrip(path: { client: ClickHouseClient; reader: ClickHouseClient }, texts: string[], firstId: number): Promise<string[]> {
  const rows = texts.map((text, i) => ({ id: firstId + i, text, other: `after ${i}` }));
  await insertTabSeparated(path.client, { table: 'tsv_round_trip', columns: ['id', 'text', 'other'], body: toTabSeparated(rows, ['id', 'text', 'other']) });
  const result = await path.reader.query({
    query: 'SELECT text, other FROM tsv_round_trip WHERE id >= {from:UInt32} AND id < {to:UInt32} ORDER BY id',
    query_params: { from: firstId, to: firstId + texts.length },
    format: 'JSONEachRow',
  });
  const stored = await result.json<{ text: string; other: string }>();
  // The column after the hostile one is intact too: no escape swallowed a separator.
  expect(stored.map((row) => row.other)).toEqual(rows.map((row) => row.other));
  return stored.map((row) => row.text);
}

const embeddedPath = () => ({ client: embedded, reader: embedded });

describe(`TabSeparated inserts into chDB and ${SERVER ? 'the ClickHouse server' : 'chDB again'}`, () => {
  let nextId = 0;
  const ids = (count: number) => (nextId += count) - count;

  it.each([
    ['raw insert (embedded)', embeddedPath],
    [`the client's insert (${SERVER ? 'on the server' : 'server path, over chDB'})`, () => clientPath],
  ])('%s stores hostile strings exactly', async (_, path) => {
    await expect(roundTrip(path(), HOSTILE, ids(HOSTILE.length))).resolves.toEqual(HOSTILE);
  });

  it('stores any well-formed unicode exactly (fuzzed, both paths)', async () => {
    // Well-formed: a lone surrogate cannot be UTF-8 and is written as U+FFFD, by JSON formats too.
    const texts = fc.sample(fc.string({ unit: fc.oneof(fc.constantFrom('\\', '\t', '\n', '\r', '\0'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 30 }), 500);
    await expect(roundTrip(embeddedPath(), texts, ids(texts.length))).resolves.toEqual(texts);
    await expect(roundTrip(clientPath, texts, ids(texts.length))).resolves.toEqual(texts);
  });

  it('escapes only what TabSeparated reads specially', () => {
    expect(escapeTabSeparated('plain text, "quotes" and \'apostrophes\'')).toBe('plain text, "quotes" and \'apostrophes\'');
    expect(escapeTabSeparated('a\\b\tc\nd\re\0f')).toBe('a\\\\b\\tc\\nd\\re\\0f');
  });

  it("reports a refused row with the client's error type on both paths", async () => {
    const body = Buffer.from('not a number\tx\ty\n');
    for (const client of [embedded, clientPath.client]) {
      await expect(insertTabSeparated(client, { table: 'tsv_round_trip', columns: ['id', 'text', 'other'], body })).rejects.toMatchObject({
        type: expect.stringMatching(/^CANNOT_PARSE/),
      });
    }
  });
});
