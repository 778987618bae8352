import { Patterns } from '@phoenix/contracts';
import type { ServiceClient } from '@phoenix/platform';
import { CorsOrigins } from './cors-origins';

const TTL_MS = 30_000;

/** A catalog answering `tenantsAllowedOrigins` with whatever `origins` holds at the time. */
function catalogWith(initial: string[]) {
  const state = { origins: initial, failing: false };
  const send = jest.fn(async (pattern: string) => {
    expect(pattern).toBe(Patterns.tenantsAllowedOrigins);
    if (state.failing) throw new Error('catalog unreachable');
    return state.origins;
  });
  return { state, send, client: { send } as unknown as ServiceClient };
}

describe('CorsOrigins', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('allows configured origins without asking the catalog', async () => {
    const { send, client } = catalogWith([]);
    const cors = new CorsOrigins(['https://console.example.com'], client, TTL_MS);
    await expect(cors.allows('https://console.example.com')).resolves.toBe(true);
    expect(send).not.toHaveBeenCalled();
  });

  it('allows any origin when the configuration says *', async () => {
    const { send, client } = catalogWith([]);
    const cors = new CorsOrigins(['*'], client, TTL_MS);
    await expect(cors.allows('https://anything.example.org')).resolves.toBe(true);
    expect(send).not.toHaveBeenCalled();
  });

  it('allows an origin some tenant lists and refuses one nobody lists', async () => {
    const { client } = catalogWith(['https://game.example.com']);
    const cors = new CorsOrigins(['https://console.example.com'], client, TTL_MS);
    await expect(cors.allows('https://game.example.com')).resolves.toBe(true);
    await expect(cors.allows('https://evil.example.com')).resolves.toBe(false);
    // Exact match only: scheme, host and port all count.
    await expect(cors.allows('http://game.example.com')).resolves.toBe(false);
    await expect(cors.allows('https://game.example.com:8443')).resolves.toBe(false);
  });

  it('re-reads the tenants’ origins for an unknown origin at most once a second', async () => {
    const { state, send, client } = catalogWith([]);
    const cors = new CorsOrigins([], client, TTL_MS);
    await expect(cors.allows('https://new.example.com')).resolves.toBe(false);
    state.origins = ['https://new.example.com'];
    await expect(cors.allows('https://new.example.com')).resolves.toBe(false);
    expect(send).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(1_001);
    await expect(cors.allows('https://new.example.com')).resolves.toBe(true);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('re-reads a known origin only once the TTL has passed, so a removed origin stops working', async () => {
    const { state, send, client } = catalogWith(['https://game.example.com']);
    const cors = new CorsOrigins([], client, TTL_MS);
    await expect(cors.allows('https://game.example.com')).resolves.toBe(true);
    state.origins = [];
    jest.advanceTimersByTime(TTL_MS - 1);
    await expect(cors.allows('https://game.example.com')).resolves.toBe(true);
    expect(send).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(2);
    await expect(cors.allows('https://game.example.com')).resolves.toBe(false);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('shares one catalog call between concurrent preflights', async () => {
    const { send, client } = catalogWith(['https://game.example.com']);
    const cors = new CorsOrigins([], client, TTL_MS);
    const verdicts = await Promise.all(Array.from({ length: 10 }, () => cors.allows('https://game.example.com')));
    expect(verdicts).toEqual(Array(10).fill(true));
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('keeps the last known list while the catalog is unreachable', async () => {
    const { state, client } = catalogWith(['https://game.example.com']);
    const cors = new CorsOrigins([], client, TTL_MS);
    await expect(cors.allows('https://game.example.com')).resolves.toBe(true);
    state.failing = true;
    jest.advanceTimersByTime(TTL_MS + 1);
    await expect(cors.allows('https://game.example.com')).resolves.toBe(true);
    await expect(cors.allows('https://evil.example.com')).resolves.toBe(false);
  });

  it('refuses tenant origins, without throwing, when the catalog was never reachable', async () => {
    const { state, client } = catalogWith(['https://game.example.com']);
    state.failing = true;
    const cors = new CorsOrigins(['https://console.example.com'], client, TTL_MS);
    await expect(cors.allows('https://game.example.com')).resolves.toBe(false);
    await expect(cors.allows('https://console.example.com')).resolves.toBe(true);
  });
});
