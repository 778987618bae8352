#!/usr/bin/env node
// `npm test`: start the local Kafka broker if the tests will use it and it is not running
// (tools/kafka), typecheck and lint every project, build the apps, then run the three test tiers
// (unit, integration against real Postgres, Kafka and ClickHouse, e2e over HTTP in both run modes).
// Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import choice from '../../libs/testing/src/services/service-choice.cjs';

const jestArgs = process.argv.slice(2);
const report = join(mkdtempSync(join(tmpdir(), 'phoenix-jest-')), 'results.json');
// The same choice as the tests' global setups make: KAFKA_BROKERS, else a container, else the local broker.
const runtime = choice.needsContainerRuntime(process.env) ? await choice.probeContainerRuntime() : false;
const kafka = choice.chooseServices(process.env, runtime).find(({ service }) => service === 'kafka');
const steps = [
  ...(kafka.path === 'local' ? [['kafka', 'bash', ['tools/kafka/start-kafka.sh']]] : []),
  ['typecheck', 'npx', ['nx', 'run-many', '-t', 'typecheck', '--parallel=2', '--outputStyle=static']],
  ['lint', 'npx', ['nx', 'run-many', '-t', 'lint', '--parallel=2', '--outputStyle=static']],
  ['build', 'npx', ['nx', 'run-many', '-t', 'build', '--projects=tag:type:app', '--parallel=2', '--outputStyle=static']],
  ['tests', 'npx', ['jest', '--maxWorkers=2', '--json', `--outputFile=${report}`, ...jestArgs]],
];

// The optional node-linux-* dependency puts .nvmrc's Node first on an npm script's PATH.
console.log(`=== node ${process.version} (${process.execPath})`);
console.log(`=== ${choice.describeChoice(kafka)}`);
for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
  console.log(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (name === 'tests') summarise();
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** One plain closing line with the counts, whatever the reporter printed above it. */
function summarise() {
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    const skipped = results.numPendingTests + results.numTodoTests;
    console.log(`\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  } catch {
    console.log('\ntests: no result file was written');
  }
}
