import { Metrics, ServiceClient } from '@phoenix/platform';
import { CATALOG_MAX_AGE_MS, CatalogReadModel } from './catalog-read-model';

/** A rewards-catalog that answers each snapshot call with its own version, when told to. */
function fakeCatalog() {
  const calls: Array<(version: number) => void> = [];
  let version = 0;
  const client = {
    send: () =>
      new Promise((resolve) => {
        calls.push(() => resolve({ rewards: [{ slug: `v${++version}` }] }));
      }),
  } as unknown as ServiceClient;
  const answerAll = async () => {
    for (const answer of calls.splice(0)) answer(0);
    await new Promise((r) => setImmediate(r));
  };
  return { client, calls, answerAll };
}

const slugOf = (snapshot: { rewards: Array<{ slug: string }> }) => snapshot.rewards[0]?.slug;

describe('CatalogReadModel', () => {
  let now: number;
  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('shares one fetch between concurrent readers, then serves it from memory', async () => {
    const { client, calls, answerAll } = fakeCatalog();
    const model = new CatalogReadModel(client, new Metrics());
    const readers = [model.snapshot('t'), model.snapshot('t'), model.snapshot('t')];
    expect(calls).toHaveLength(1);
    await answerAll();
    expect((await Promise.all(readers)).map(slugOf)).toEqual(['v1', 'v1', 'v1']);
    now += CATALOG_MAX_AGE_MS / 2 - 1;
    expect(slugOf(await model.snapshot('t'))).toBe('v1');
    expect(calls).toHaveLength(0);
  });

  it('past half the age, serves what it has and fetches the next snapshot beside it', async () => {
    const { client, calls, answerAll } = fakeCatalog();
    const model = new CatalogReadModel(client, new Metrics());
    const first = model.snapshot('t');
    await answerAll();
    await first;
    now += CATALOG_MAX_AGE_MS / 2;
    expect(slugOf(await model.snapshot('t'))).toBe('v1');
    expect(calls).toHaveLength(1);
    await answerAll();
    expect(slugOf(await model.snapshot('t'))).toBe('v2');
  });

  it('never serves a snapshot whose fetch began a full age ago: the reader waits for a new one', async () => {
    const { client, calls, answerAll } = fakeCatalog();
    const model = new CatalogReadModel(client, new Metrics());
    const first = model.snapshot('t');
    now += 100; // the fetch takes a while: its age counts from when it began
    await answerAll();
    await first;
    now += CATALOG_MAX_AGE_MS - 100;
    const waiting = model.snapshot('t');
    expect(calls).toHaveLength(1);
    await answerAll();
    expect(slugOf(await waiting)).toBe('v2');
  });

  it('keeps tenants apart', async () => {
    const { client, calls, answerAll } = fakeCatalog();
    const model = new CatalogReadModel(client, new Metrics());
    const a = model.snapshot('a');
    const b = model.snapshot('b');
    expect(calls).toHaveLength(2);
    await answerAll();
    expect([slugOf(await a), slugOf(await b)].sort()).toEqual(['v1', 'v2']);
  });
});
