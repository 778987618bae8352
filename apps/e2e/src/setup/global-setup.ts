// Starts both run modes once for the whole e2e tier: the standalone process (embedded
// Postgres under a fresh DATA_DIR, platform key generated on first start) and the five apps
// as separate processes on a fresh database of the real Postgres.
// Imports are relative: Jest does not apply moduleNameMapper to global setup files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- see above: no path aliases here
import { assertPostgresReachable, createTestDatabase, TestDatabase } from '../../../../libs/testing/src/postgres';
// eslint-disable-next-line @nx/enforce-module-boundaries -- see above: no path aliases here
import { RunningStack, StackInfo, startStack } from '../../../../libs/testing/src/stack';

export interface E2eGlobals {
  stacks: RunningStack[];
  database: TestDatabase;
}

export default async function globalSetup(): Promise<void> {
  await assertPostgresReachable();
  const workspaceRoot = resolve(__dirname, '../../../..');
  const database = await createTestDatabase('phoenix_e2e');
  const stacks = [
    await startStack('standalone', { workspaceRoot }),
    await startStack('distributed', { workspaceRoot, databaseUrl: database.url }),
  ];
  (globalThis as unknown as { __PHOENIX_E2E__: E2eGlobals }).__PHOENIX_E2E__ = { stacks, database };
  const infos: StackInfo[] = stacks.map(({ stop: _stop, ...info }) => info);
  const file = join(mkdtempSync(join(tmpdir(), 'phoenix-e2e-')), 'stacks.json');
  writeFileSync(file, JSON.stringify(infos, null, 2));
  // Test workers start after this and inherit the variable.
  process.env['PHOENIX_E2E_STACKS'] = file;
}
