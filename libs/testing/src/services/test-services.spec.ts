import { TestService } from './service-choice.cjs';
import {
  acquireTestServices,
  clickhouseContainerEnv,
  composeImage,
  defineContainer,
  kafkaContainerEnv,
  postgresContainerEnv,
  releaseTestServices,
  Started,
} from './test-services';

const VARIABLES = ['TEST_DATABASE_URL', 'KAFKA_BROKERS', 'CLICKHOUSE_URL', 'CLICKHOUSE_USER', 'CLICKHOUSE_PASSWORD'];

describe("a started container's variables", () => {
  it('Postgres: its connection URI as TEST_DATABASE_URL', () => {
    expect(postgresContainerEnv({ getConnectionUri: () => 'postgres://test:test@localhost:32768/test' })).toEqual({
      TEST_DATABASE_URL: 'postgres://test:test@localhost:32768/test',
    });
  });

  it('Kafka: the host port mapped to its PLAINTEXT listener (9093) as KAFKA_BROKERS', () => {
    const ports: Record<number, number> = { 9093: 32770, 9092: 1 };
    expect(kafkaContainerEnv({ getHost: () => 'localhost', getMappedPort: (port) => ports[port]! })).toEqual({ KAFKA_BROKERS: 'localhost:32770' });
  });

  it('ClickHouse: its HTTP URL and credentials, and no database (each suite makes its own)', () => {
    expect(clickhouseContainerEnv({ getHttpUrl: () => 'http://localhost:32771', getUsername: () => 'test', getPassword: () => 'secret' })).toEqual({
      CLICKHOUSE_URL: 'http://localhost:32771',
      CLICKHOUSE_USER: 'test',
      CLICKHOUSE_PASSWORD: 'secret',
    });
  });

  it("takes Postgres' and ClickHouse's images from docker-compose.yml", () => {
    expect(composeImage('postgres')).toMatch(/^postgres:\d+/);
    expect(composeImage('clickhouse')).toMatch(/^clickhouse\/clickhouse-server:\d+/);
  });

  it('configures each container with the modules of testcontainers, without an engine (Kafka in KRaft mode)', async () => {
    await expect(defineContainer('postgres')).resolves.toMatchObject({ image: composeImage('postgres') });
    await expect(defineContainer('kafka')).resolves.toMatchObject({ image: 'confluentinc/cp-kafka:7.9.0' });
    await expect(defineContainer('clickhouse')).resolves.toMatchObject({ image: composeImage('clickhouse') });
  });
});

describe('acquireTestServices / releaseTestServices', () => {
  let saved: Record<string, string | undefined>;
  let lines: string[];
  let stopped: TestService[];
  const fakeStart = async (service: TestService): Promise<Started> => ({
    env: { postgres: { TEST_DATABASE_URL: 'postgres://c/pg' }, kafka: { KAFKA_BROKERS: 'c:1' }, clickhouse: { CLICKHOUSE_URL: 'http://c:2', CLICKHOUSE_PASSWORD: 'pw' } }[service],
    stop: async () => void stopped.push(service),
  });

  beforeEach(() => {
    saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
    for (const name of VARIABLES) delete process.env[name];
    lines = [];
    stopped = [];
  });

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('with a runtime: starts a container per unset variable, sets its variables, and the last release stops them', async () => {
    process.env['KAFKA_BROKERS'] = 'mine:9092';
    await acquireTestServices(['postgres', 'kafka', 'clickhouse'], { log: (line) => lines.push(line), probe: async () => true, start: fakeStart });
    // A second tier's setup in the same run shares them: nothing new is started or logged.
    await acquireTestServices(['postgres', 'kafka'], { log: (line) => lines.push(line), probe: async () => true, start: fakeStart });
    expect(process.env['TEST_DATABASE_URL']).toBe('postgres://c/pg');
    expect(process.env['KAFKA_BROKERS']).toBe('mine:9092');
    expect(process.env['CLICKHOUSE_URL']).toBe('http://c:2');
    expect(lines).toEqual([
      expect.stringMatching(/^test services: postgres → a container/),
      'test services: postgres container started (TEST_DATABASE_URL=postgres://c/pg)',
      'test services: kafka → mine:9092 (KAFKA_BROKERS is set)',
      expect.stringMatching(/^test services: clickhouse → a container/),
      'test services: clickhouse container started (CLICKHOUSE_URL=http://c:2)', // no password in the log
    ]);
    await releaseTestServices();
    expect(stopped).toEqual([]);
    await releaseTestServices();
    expect(stopped.sort()).toEqual(['clickhouse', 'postgres']);
  });

  it('without a runtime: the local services, nothing started, no variable set', async () => {
    await acquireTestServices(['postgres', 'kafka', 'clickhouse'], { log: (line) => lines.push(line), probe: async () => false, start: fakeStart });
    expect(lines.map((line) => line.replace(/ →.*\(/, ' ('))).toEqual([
      'test services: postgres (TEST_DATABASE_URL is unset and no container runtime answers)',
      'test services: kafka (KAFKA_BROKERS is unset and no container runtime answers)',
      'test services: clickhouse (CLICKHOUSE_URL is unset and no container runtime answers)',
    ]);
    for (const name of VARIABLES) expect(process.env[name]).toBeUndefined();
    await releaseTestServices();
    expect(stopped).toEqual([]);
  });

  it('a failed start stops what it started, takes its variables back and leaves nothing chosen', async () => {
    const failing = async (service: TestService) => (service === 'kafka' ? Promise.reject(new Error('no image')) : fakeStart(service));
    await expect(acquireTestServices(['postgres', 'kafka'], { log: () => undefined, probe: async () => true, start: failing })).rejects.toThrow('no image');
    expect(stopped).toEqual(['postgres']);
    expect(process.env['TEST_DATABASE_URL']).toBeUndefined();
    // Chosen again from scratch next time.
    await acquireTestServices(['postgres'], { log: (line) => lines.push(line), probe: async () => false, start: fakeStart });
    expect(lines).toEqual([expect.stringMatching(/^test services: postgres → PostgreSQL on 127.0.0.1:5432/)]);
    await releaseTestServices();
  });
});
