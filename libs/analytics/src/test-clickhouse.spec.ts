import { serverOptions, testClickHouseServer, testDatabaseName } from './test-clickhouse';

describe('the ClickHouse of the analytics suites', () => {
  it('is chDB without CLICKHOUSE_URL (unset or blank)', () => {
    expect(testClickHouseServer({})).toBeUndefined();
    expect(testClickHouseServer({ CLICKHOUSE_URL: ' ', CLICKHOUSE_USER: 'u' })).toBeUndefined();
  });

  it("is the server of CLICKHOUSE_URL, with the harness's (or the user's) credentials", () => {
    expect(testClickHouseServer({ CLICKHOUSE_URL: 'http://localhost:32771', CLICKHOUSE_USER: 'test', CLICKHOUSE_PASSWORD: 'secret' })).toEqual({
      url: 'http://localhost:32771',
      username: 'test',
      password: 'secret',
    });
    expect(testClickHouseServer({ CLICKHOUSE_URL: 'http://ch:8123' })).toEqual({ url: 'http://ch:8123' });
  });

  it("gives each suite a database of its own on the server, a name ClickHouse takes unquoted", () => {
    const [a, b] = [testDatabaseName('phoenix_grants'), testDatabaseName('phoenix_grants')];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^phoenix_grants_[a-z0-9]+_[0-9a-f]{6}$/);
    expect(serverOptions({ url: 'http://ch:8123', username: 'test' }, a)).toEqual({ url: 'http://ch:8123', username: 'test', database: a, path: '' });
  });
});
