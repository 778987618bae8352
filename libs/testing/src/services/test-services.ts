import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { chooseServices, describeChoice, needsContainerRuntime, probeContainerRuntime, ServiceChoice, TestService } from './service-choice.cjs';

/**
 * The services of a test tier, chosen once per Jest run (service-choice.cjs) and started as
 * containers where that is the choice. Jest runs every project's global setup in its own process
 * before the workers start: what is set on process.env here, the workers inherit. Both tiers'
 * setups may run in one Jest run (`npm test`): they share one set, and the last release stops it.
 */

/** The environment a started container gives the tests: the same variables a user would set. */
export type ServiceEnv = Record<string, string>;

export interface Started {
  env: ServiceEnv;
  stop(): Promise<void>;
}

interface SharedServices {
  started: Map<TestService, Started>;
  users: number;
}

const SHARED = Symbol.for('phoenix.test-services');
const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** Confluent's image, which @testcontainers/kafka drives (compose's apache/kafka is not); 7.9 is Kafka 3.9, the local broker's. */
export const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';

/** The Postgres and ClickHouse images of docker-compose.yml, so tests run on the versions deployed. */
export function composeImage(service: 'postgres' | 'clickhouse', root = WORKSPACE_ROOT): string {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { image?: string }> };
  const image = compose.services[service]?.image;
  if (!image) throw new Error(`docker-compose.yml names no image for ${service}`);
  return image;
}

/** TEST_DATABASE_URL of a started Postgres container: its superuser, so tests may create their databases. */
export function postgresContainerEnv(container: { getConnectionUri(): string }): ServiceEnv {
  return { TEST_DATABASE_URL: container.getConnectionUri() };
}

/** KAFKA_BROKERS of a started Kafka container: its PLAINTEXT listener (9093) as mapped on the host. */
export function kafkaContainerEnv(container: { getHost(): string; getMappedPort(port: number): number }): ServiceEnv {
  return { KAFKA_BROKERS: `${container.getHost()}:${container.getMappedPort(9093)}` };
}

/**
 * CLICKHOUSE_URL and its credentials for a started ClickHouse container. No CLICKHOUSE_DATABASE:
 * each analytics suite creates a database of its own on the server (libs/analytics/src/test-clickhouse.ts).
 */
export function clickhouseContainerEnv(container: { getHttpUrl(): string; getUsername(): string; getPassword(): string }): ServiceEnv {
  return { CLICKHOUSE_URL: container.getHttpUrl(), CLICKHOUSE_USER: container.getUsername(), CLICKHOUSE_PASSWORD: container.getPassword() };
}

/**
 * The container of a service, configured but not started (nothing here needs an engine), and how
 * to start it into the variables the tests read.
 */
export async function defineContainer(service: TestService): Promise<{ image: string; start(): Promise<Started> }> {
  // Loaded only on the container path: a machine without an engine never needs these modules.
  switch (service) {
    case 'postgres': {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const image = composeImage('postgres');
      const definition = new PostgreSqlContainer(image);
      return { image, start: async () => started(await definition.start(), postgresContainerEnv) };
    }
    case 'kafka': {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const definition = new KafkaContainer(KAFKA_IMAGE).withKraft(); // before 8.0, Confluent's images default to ZooKeeper
      return { image: KAFKA_IMAGE, start: async () => started(await definition.start(), kafkaContainerEnv) };
    }
    case 'clickhouse': {
      const { ClickHouseContainer } = await import('@testcontainers/clickhouse');
      const image = composeImage('clickhouse');
      const definition = new ClickHouseContainer(image);
      return { image, start: async () => started(await definition.start(), clickhouseContainerEnv) };
    }
  }
}

function started<C extends { stop(): Promise<unknown> }>(container: C, env: (container: C) => ServiceEnv): Started {
  return { env: env(container), stop: async () => void (await container.stop()) };
}

async function startContainer(service: TestService): Promise<Started> {
  return (await defineContainer(service)).start();
}

function shared(): SharedServices {
  const holder = globalThis as unknown as Record<symbol, SharedServices | undefined>;
  return (holder[SHARED] ??= { started: new Map(), users: 0 });
}

/** What acquireTestServices does outside this module; a unit test replaces them. */
export interface TestServiceDeps {
  log: (line: string) => void;
  probe: () => Promise<boolean>;
  start: (service: TestService) => Promise<Started>;
}

const DEFAULT_DEPS: TestServiceDeps = { log: console.log, probe: () => probeContainerRuntime(), start: startContainer };

/**
 * Chooses the given services (those not already chosen in this run), logs one line each, starts
 * the containers of the container path and puts their variables on process.env. A failed start
 * stops what this call started, takes its variables back and throws: Jest runs no teardown after
 * a failed global setup.
 */
export async function acquireTestServices(services: readonly TestService[], deps: Partial<TestServiceDeps> = {}): Promise<void> {
  const { log, probe, start } = { ...DEFAULT_DEPS, ...deps };
  const state = shared();
  const pending = services.filter((service) => !state.started.has(service));
  state.users += 1;
  if (pending.length === 0) return;
  const runtime = needsContainerRuntime(process.env) ? await probe() : false;
  const choices = chooseServices(process.env, runtime).filter((choice: ServiceChoice) => pending.includes(choice.service));
  const startedNow: Started[] = [];
  const previous = new Map<string, string | undefined>();
  try {
    for (const choice of choices) {
      log(describeChoice(choice));
      if (choice.path !== 'container') {
        state.started.set(choice.service, { env: {}, stop: async () => undefined });
        continue;
      }
      const started = await start(choice.service);
      startedNow.push(started);
      state.started.set(choice.service, started);
      for (const name of Object.keys(started.env)) if (!previous.has(name)) previous.set(name, process.env[name]);
      Object.assign(process.env, started.env);
      const shown = Object.entries(started.env).filter(([name]) => !name.endsWith('PASSWORD'));
      log(`test services: ${choice.service} container started (${shown.map(([name, value]) => `${name}=${value}`).join(', ')})`);
    }
  } catch (error) {
    for (const started of startedNow.reverse()) await started.stop().catch(() => undefined);
    for (const choice of choices) state.started.delete(choice.service);
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    state.users -= 1;
    throw error;
  }
}

/** The other half of acquireTestServices: the last user stops every container of the run. */
export async function releaseTestServices(): Promise<void> {
  const state = shared();
  state.users = Math.max(0, state.users - 1);
  if (state.users > 0) return;
  const started = [...state.started.values()].reverse();
  state.started.clear();
  await Promise.all(started.map((service) => service.stop()));
}
