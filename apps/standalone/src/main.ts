import { workerData } from 'node:worker_threads';
import { EarlyEmbeddedPostgres, isEmbeddedPostgresThread } from './embedded-postgres';

/**
 * The standalone's entry, light on purpose: the embedded Postgres starts on a thread of its own
 * before anything else loads, and the launcher (and through it the five apps) loads meanwhile.
 * This file is that thread's script too; its workerData says which it is. Each branch loads its
 * modules only when taken (webpack evaluates a bundled module when it is first required).
 */
export const app: Promise<unknown> = isEmbeddedPostgresThread(workerData)
  ? import('./embedded-postgres-thread').then(({ runEmbeddedPostgresThread }) => runEmbeddedPostgresThread(workerData))
  : launch();

async function launch(): Promise<unknown> {
  const postgres = EarlyEmbeddedPostgres.fromEnv(__filename, process.env);
  const { launchStandalone } = await import('./launcher');
  return launchStandalone(postgres);
}
