// eslint-disable-next-line @nx/enforce-module-boundaries -- no path aliases in global setup files
import { releaseTestServices } from '../../../../libs/testing/src/services/test-services';
import type { E2eGlobals } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const globals = (globalThis as unknown as { __PHOENIX_E2E__?: E2eGlobals }).__PHOENIX_E2E__;
  if (!globals) return;
  const codes = await Promise.all(globals.stacks.map((stack) => stack.stop()));
  await globals.database.drop();
  await releaseTestServices();
  codes.forEach((code, i) => {
    if (code !== 0) console.warn(`${globals.stacks[i]!.mode} stack exited with code ${code}: see ${globals.stacks[i]!.logFile}`);
  });
}
