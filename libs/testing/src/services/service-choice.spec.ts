import { spawnSync } from 'node:child_process';
import { chooseServices, describeChoice, needsContainerRuntime, probeContainerRuntime, ServicePath } from './service-choice.cjs';

const VALUES = { TEST_DATABASE_URL: 'postgres://u@db:5432/postgres', KAFKA_BROKERS: 'broker:9092', CLICKHOUSE_URL: 'http://ch:8123' } as const;
const VARIABLES = Object.keys(VALUES) as Array<keyof typeof VALUES>;

/** Every subset of the three variables (bit i of the mask: the i-th is set), with and without a container runtime: 16 cases. */
const SUBSETS = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => VARIABLES.filter((_, i) => mask & (1 << i)));
const CASES = SUBSETS.flatMap((set) => [true, false].map((runtime) => ({ set, runtime })));

describe('chooseServices', () => {
  it('has all 16 combinations of the three variables and the runtime', () => {
    expect(new Set(CASES.map(({ set, runtime }) => `${[...set].sort().join('+')}/${runtime}`)).size).toBe(16);
  });

  it.each(CASES.map(({ set, runtime }) => [set.join(' + ') || 'no variable', runtime ? 'a runtime' : 'no runtime', set, runtime] as const))(
    '%s, %s: a set variable wins, else a container when the runtime answers, else the local service',
    (_label, _runtimeLabel, set, runtime) => {
      const env = Object.fromEntries(set.map((name) => [name, VALUES[name]]));
      const choices = chooseServices(env, runtime);
      const expected = (name: keyof typeof VALUES): ServicePath => (set.includes(name) ? 'env' : runtime ? 'container' : 'local');
      expect(choices.map(({ service, variable, path }) => ({ service, variable, path }))).toEqual([
        { service: 'postgres', variable: 'TEST_DATABASE_URL', path: expected('TEST_DATABASE_URL') },
        { service: 'kafka', variable: 'KAFKA_BROKERS', path: expected('KAFKA_BROKERS') },
        { service: 'clickhouse', variable: 'CLICKHOUSE_URL', path: expected('CLICKHOUSE_URL') },
      ]);
      for (const choice of choices) if (choice.path === 'env') expect(choice.where).toBe(VALUES[choice.variable]);
      // The runtime is worth asking only while some variable is unset.
      expect(needsContainerRuntime(env)).toBe(set.length < 3);
    },
  );

  it('takes an empty or blank variable as unset', () => {
    expect(chooseServices({ TEST_DATABASE_URL: '', KAFKA_BROKERS: '  ', CLICKHOUSE_URL: VALUES.CLICKHOUSE_URL }, false).map((c) => c.path)).toEqual(['local', 'local', 'env']);
  });

  it('logs one line per service that says which path and why', () => {
    const lines = chooseServices({ KAFKA_BROKERS: VALUES.KAFKA_BROKERS }, false).map(describeChoice);
    expect(lines).toEqual([
      'test services: postgres → PostgreSQL on 127.0.0.1:5432 (TEST_DATABASE_URL is unset and no container runtime answers)',
      'test services: kafka → broker:9092 (KAFKA_BROKERS is set)',
      'test services: clickhouse → embedded chDB (CLICKHOUSE_URL is unset and no container runtime answers)',
    ]);
    expect(describeChoice(chooseServices({}, true)[2]!)).toBe('test services: clickhouse → a container (testcontainers) (CLICKHOUSE_URL is unset and a container runtime answers)');
  });
});

describe('probeContainerRuntime, for real', () => {
  it('answers as `docker info` does (on a machine without a Docker engine: false), quickly and without throwing', async () => {
    const docker = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 });
    const started = Date.now();
    const answer = await probeContainerRuntime();
    const took = Date.now() - started;
    if (docker.error) {
      expect(typeof answer).toBe('boolean'); // no docker CLI to compare with
    } else {
      expect(answer).toBe(docker.status === 0);
    }
    if (!answer) expect(took).toBeLessThan(5_000);
  }, 30_000);
});
