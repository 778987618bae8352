import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface PgliteHost {
  port: number;
  password: string;
  /** A URL with the password: what the standalone's own clients get. */
  url: string;
  stop(): Promise<void>;
}

/** Starts testing/pglite-host.ts in a child process, requiring a fresh random password. */
export async function startPgliteHost(): Promise<PgliteHost> {
  const root = join(__dirname, '../../../..');
  const password = randomBytes(24).toString('base64url');
  const host = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'pglite-host.ts')], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), PGLITE_HOST_PASSWORD: password },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (!host.stdout) throw new Error('the PGlite host has no stdout');
  const [line] = (await once(createInterface({ input: host.stdout }), 'line')) as [string];
  const address = (JSON.parse(line) as { address: string }).address;
  return {
    port: Number(address.split(':')[1]),
    password,
    url: `postgres://postgres:${password}@${address}/postgres?sslmode=disable`,
    stop: async () => {
      if (host.exitCode !== null) return;
      host.kill('SIGTERM');
      await once(host, 'exit');
    },
  };
}
