// Starts both run modes once for the whole e2e tier: the standalone process (embedded
// Postgres under a fresh DATA_DIR, platform key generated on first start) and the five apps
// as separate processes on a fresh database of the real Postgres. Postgres and Kafka are chosen
// as for the integration tier (libs/testing/src/services); ClickHouse is chDB in both modes: the
// stacks drop CLICKHOUSE_URL (stackEnvironment), and event-faults reads the stopped app's chDB.
// Imports are relative: Jest does not apply moduleNameMapper to global setup files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- see above: no path aliases here
import { assertPostgresReachable, createTestDatabase, TestDatabase } from '../../../../libs/testing/src/postgres';
// eslint-disable-next-line @nx/enforce-module-boundaries -- see above: no path aliases here
import { acquireTestServices, releaseTestServices } from '../../../../libs/testing/src/services/test-services';
// eslint-disable-next-line @nx/enforce-module-boundaries -- see above: no path aliases here
import { RunningStack, StackInfo, startStack } from '../../../../libs/testing/src/stack';

export interface E2eGlobals {
  stacks: RunningStack[];
  database: TestDatabase;
}

export default async function globalSetup(): Promise<void> {
  // Sets TEST_DATABASE_URL and KAFKA_BROKERS when it starts containers: the stacks and the
  // workers (started after this) inherit them.
  await acquireTestServices(['postgres', 'kafka']);
  let database: TestDatabase;
  try {
    await assertPostgresReachable();
    database = await createTestDatabase('phoenix_e2e');
  } catch (error) {
    await releaseTestServices();
    throw error;
  }
  const workspaceRoot = resolve(__dirname, '../../../..');
  const stacks: RunningStack[] = [];
  try {
    stacks.push(await startStack('standalone', { workspaceRoot }));
    stacks.push(await startStack('distributed', { workspaceRoot, databaseUrl: database.url }));
  } catch (error) {
    // Jest runs no teardown after a failed setup: what did start would run on, orphaned (a
    // standalone left so once spent a seventh of a core for half an hour).
    for (const stack of stacks.reverse()) await stack.stop().catch(() => undefined);
    await database.drop().catch(() => undefined);
    await releaseTestServices();
    throw error;
  }
  (globalThis as unknown as { __PHOENIX_E2E__: E2eGlobals }).__PHOENIX_E2E__ = { stacks, database };
  const infos: StackInfo[] = stacks.map(({ stop: _stop, ...info }) => info);
  const file = join(mkdtempSync(join(tmpdir(), 'phoenix-e2e-')), 'stacks.json');
  writeFileSync(file, JSON.stringify(infos, null, 2));
  // Test workers start after this and inherit the variable.
  process.env['PHOENIX_E2E_STACKS'] = file;
}
