import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';
import { workspaceRoot } from './manifests';

/** Dummy values for the variables docker-compose.yml requires (`${VAR:?…}`). */
export const COMPOSE_REQUIRED_ENV: Record<string, string> = {
  POSTGRES_PASSWORD: 'dummy-postgres-password',
  CLICKHOUSE_PASSWORD: 'dummy-clickhouse-password',
  PHOENIX_PLATFORM_KEY: 'dummy-platform-key-of-enough-length',
  SECRETS_KEY: 'dummy:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
};

/** One service as `docker-compose config` prints it (environment as a mapping). */
export interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number | null>;
  depends_on?: Record<string, { condition: string }>;
  ports?: Array<{ published: number | string; target: number | string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
}

export interface ComposeRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `docker-compose -f docker-compose.yml config` (the Debian package, 1.29), with only PATH and
 * the given variables in its environment, so the developer's own shell cannot mask a missing one.
 */
export function composeConfig(env: Record<string, string> = COMPOSE_REQUIRED_ENV): ComposeRun {
  const run = spawnSync('docker-compose', ['-f', join(workspaceRoot, 'docker-compose.yml'), 'config'], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
  });
  if (run.error) throw new Error(`docker-compose could not run (apt-get install docker-compose): ${run.error.message}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The services of the resolved compose file; fails when docker-compose refuses the file. */
export function composeServices(env?: Record<string, string>): Record<string, ComposeService> {
  const run = composeConfig(env);
  if (run.status !== 0) throw new Error(`docker-compose config exited ${run.status}: ${run.stderr}`);
  return (parse(run.stdout) as { services: Record<string, ComposeService> }).services;
}

/** A service's environment as the process sees it: strings, unset for null. */
export function composeEnv(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {})
      .filter(([, value]) => value !== null)
      .map(([key, value]) => [key, String(value)]),
  );
}
