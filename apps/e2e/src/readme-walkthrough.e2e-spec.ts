import { stopProcess, tail, waitUntilStarted } from '@phoenix/testing';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');
/** Every port a standalone takes with its defaults (gateways, the services' HTTP and RPC sides). */
const DEFAULT_PORTS = [3000, 3001, 3010, 3020, 3030, 4010, 4020, 4030];

/** The fenced bash blocks of the README's walk-through section, in order. */
function walkthroughBlocks(): string[] {
  const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Walk-through'));
  if (!section) throw new Error('README.md has no "## Walk-through" section');
  return [...section.matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

/** The environment of a user's shell: none of the platform's variables, so every default applies. */
function userShellEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TERM'];
  return Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
}

// Issue 2's first "done when": the README's walk-through works verbatim. The standalone is
// started the way `npm start` starts it (minus the rebuild) in a scratch copy of the working
// directory, on the default ports and DATA_DIR; then the README's second block runs unchanged.
describe('README walk-through, verbatim (standalone)', () => {
  let cwd: string;
  let standalone: ChildProcess | undefined;
  let logFile: string;

  beforeAll(async () => {
    const busy = [];
    for (const port of DEFAULT_PORTS) if (!(await portIsFree(port))) busy.push(port);
    if (busy.length) throw new Error(`the walk-through needs the default ports; in use on 127.0.0.1: ${busy.join(', ')}`);

    cwd = mkdtempSync(join(tmpdir(), 'phoenix-readme-'));
    copyFileSync(join(workspaceRoot, 'package.json'), join(cwd, 'package.json'));
    for (const entry of ['node_modules', 'dist', 'tools']) symlinkSync(join(workspaceRoot, entry), join(cwd, entry));
    logFile = join(cwd, 'standalone.log');
  });

  afterAll(async () => {
    if (standalone) await stopProcess(standalone);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('starts as `npm start` does and runs the documented commands unchanged', async () => {
    const [start, steps, ...rest] = walkthroughBlocks();
    expect(rest).toEqual([]);
    expect(start!.trim()).toBe('npm install && npm start');
    // `npm start` is the build, then this command: run it as is.
    const startScript = (JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start']!;
    const run = startScript.split('&&').at(-1)!.trim();
    expect(run).toBe('node dist/apps/standalone/main.js');

    standalone = spawn(process.execPath, run.split(' ').slice(1), { cwd, env: userShellEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(logFile);
    standalone.stdout!.pipe(log);
    standalone.stderr!.pipe(log);
    try {
      // As `npm start` runs it, it opens no operations port: its banner says when it is up.
      await waitUntilStarted(standalone, 90_000);
    } catch (error) {
      throw new Error(`standalone did not start: ${(error as Error).message}\n${tail(logFile)}`);
    }
    expect(existsSync(join(cwd, '.phoenix-data', 'standalone.json'))).toBe(true);

    const output = await new Promise<string>((resolvePromise, reject) =>
      execFile('bash', ['-e', '-o', 'pipefail', '-c', steps!], { cwd, env: userShellEnv(), timeout: 60_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\nstdout: ${stdout}\nstderr: ${stderr}`)) : resolvePromise(stdout),
      ),
    );

    // The block ends with the output it promises, as a comment.
    const promised = steps!.trimEnd().split('\n').at(-1)!.replace(/^# /, '');
    expect(JSON.parse(promised)).toEqual({ tenant_id: 'acme', user_id: 'user_123', balances: { gold_coins: 1500 }, xp: 0, badges: [] });
    expect(output.trimEnd().endsWith(promised)).toBe(true);
    // Step 1 wrote the tenant's secrets where step 2 read them.
    expect(JSON.parse(readFileSync(join(cwd, 'tenant.json'), 'utf8'))).toMatchObject({ id: 'acme', api_key: expect.stringMatching(/^phx_/) });

    // The token helper's pointer to the embedded database lives only as long as the process.
    expect(await stopProcess(standalone)).toBe(0);
    expect(existsSync(join(cwd, '.phoenix-data', 'standalone.json'))).toBe(false);
  });
});
