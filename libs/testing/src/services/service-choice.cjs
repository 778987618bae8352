'use strict';
// Where the tests find Postgres, Kafka and ClickHouse. Plain CommonJS (types beside it in
// service-choice.d.cts) because three kinds of caller share it: Jest's global setups and the unit
// test (TypeScript through swc) and tools/scripts/test.mjs (plain Node, which must know before
// any test runs whether to start the local Kafka broker).

/** Each service, the variable that names it, and what the tests use when neither that nor a container runtime is there. */
const SERVICES = [
  { service: 'postgres', variable: 'TEST_DATABASE_URL', local: 'PostgreSQL on 127.0.0.1:5432' },
  { service: 'kafka', variable: 'KAFKA_BROKERS', local: 'the local broker (tools/kafka) on 127.0.0.1:9092' },
  { service: 'clickhouse', variable: 'CLICKHOUSE_URL', local: 'embedded chDB' },
];

/** True when some service is not named by its variable, so the answer of a container runtime matters. */
function needsContainerRuntime(env) {
  return SERVICES.some(({ variable }) => !isSet(env[variable]));
}

/**
 * The path of each service: its variable when set, else a container when a container runtime
 * answers, else the local service. Pure: the caller probes the runtime (probeContainerRuntime).
 */
function chooseServices(env, runtimeAnswers) {
  return SERVICES.map(({ service, variable, local }) => {
    if (isSet(env[variable])) return { service, variable, path: 'env', where: env[variable] };
    if (runtimeAnswers) return { service, variable, path: 'container', where: 'a container (testcontainers)' };
    return { service, variable, path: 'local', where: local };
  });
}

/** The one line a choice is logged as. */
function describeChoice(choice) {
  const why = { env: `${choice.variable} is set`, container: `${choice.variable} is unset and a container runtime answers`, local: `${choice.variable} is unset and no container runtime answers` };
  return `test services: ${choice.service} → ${choice.where} (${why[choice.path]})`;
}

/**
 * Whether a container runtime (a Docker engine) answers, through testcontainers' own lookup.
 * Without an engine it answers false quickly (measured on a machine with only the docker CLI: no
 * socket, so every strategy is "not applicable" within 3 ms; loading testcontainers takes about
 * 300 ms) and never throws. With a socket or DOCKER_HOST that is there but does not answer, its
 * `docker info` call has no timeout of its own: `timeoutMs` bounds the wait (loading the module aside).
 */
async function probeContainerRuntime(options = {}) {
  let testcontainers;
  try {
    testcontainers = require('testcontainers');
  } catch {
    return false; // not installed (npm ci --omit=dev): no container path
  }
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), options.timeoutMs ?? 5_000);
    timer.unref();
  });
  const found = testcontainers.getContainerRuntimeClient().then(() => true, () => false);
  try {
    return await Promise.race([found, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function isSet(value) {
  return typeof value === 'string' && value.trim() !== '';
}

module.exports = { SERVICES, needsContainerRuntime, chooseServices, describeChoice, probeContainerRuntime };
