import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

// The package as a tenant installs it: built by libs/sdk/scripts/build.mjs into a scratch
// project's node_modules/@phoenix/sdk, beside its one dependency.
describe('the built @phoenix/sdk package', () => {
  let project: string;
  let pkg: string;

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'phoenix-sdk-consumer-'));
    pkg = join(project, 'node_modules', '@phoenix', 'sdk');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', 'openapi-fetch'), join(project, 'node_modules', 'openapi-fetch'));
    const built = run(process.execPath, [join(ROOT, 'libs', 'sdk', 'scripts', 'build.mjs'), '--out-dir', pkg], ROOT);
    expect({ status: built.status, stderr: built.stderr }).toEqual({ status: 0, stderr: '' });
  }, 120_000);

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('has ES module and CommonJS halves, each with its declarations and module type, and the README', () => {
    for (const [dir, type] of [['esm', 'module'], ['cjs', 'commonjs']] as const) {
      for (const file of ['index.js', 'index.d.ts', 'clients.d.ts', 'webhooks.d.ts', 'generated/query-gateway.d.ts', 'generated/admin-gateway.d.ts']) {
        expect(existsSync(join(pkg, dir, file))).toBe(true);
      }
      expect(JSON.parse(readFileSync(join(pkg, dir, 'package.json'), 'utf8'))).toEqual({ type });
    }
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@phoenix/sdk', dependencies: { 'openapi-fetch': expect.any(String) } });
    expect(existsSync(join(pkg, 'README.md'))).toBe(true);
    expect(existsSync(join(pkg, 'esm', 'tokens.spec.js'))).toBe(false);
  });

  it('loads through require and through import, with the same exports, and works', () => {
    const probe = `.then(async (sdk) => {
      const token = await sdk.mintUserToken({ secret: 's', tenantId: 't', userId: 'u', expiresInSeconds: 60 });
      console.log(JSON.stringify({ names: Object.keys(sdk).filter((k) => k !== 'default').sort(), parts: token.split('.').length, client: typeof sdk.createQueryClient({ baseUrl: 'http://q' }).GET }));
    })`;
    const viaRequire = run(process.execPath, ['-e', `Promise.resolve(require('@phoenix/sdk'))${probe}`], project);
    const viaImport = run(process.execPath, ['--input-type=module', '-e', `import('@phoenix/sdk')${probe}`], project);
    expect(viaRequire.stderr).toBe('');
    expect(viaImport.stderr).toBe('');
    const required = JSON.parse(viaRequire.stdout);
    expect(required).toEqual(JSON.parse(viaImport.stdout));
    expect(required.names).toEqual(expect.arrayContaining(['createAdminClient', 'createQueryClient', 'hmacMiddleware', 'mintUserToken', 'unwrap', 'verifyWebhook', 'withRetries']));
    expect(required).toMatchObject({ parts: 3, client: 'function' });
  });

  it('type-checks a consumer in ES module and CommonJS form (module nodenext)', () => {
    const use = `import { createQueryClient, unwrap, type QuerySchemas } from '@phoenix/sdk';
const query = createQueryClient({ baseUrl: 'http://localhost:3000', token: 'jwt' });
export async function balance(): Promise<QuerySchemas['WalletView']['balances']> {
  return (await unwrap(query.GET('/v1/wallets/{user_id}', { params: { path: { user_id: 'u1' } } }))).balances;
}
`;
    writeFileSync(join(project, 'use.mts'), use);
    writeFileSync(join(project, 'use.cts'), use);
    writeFileSync(join(project, 'wrong.mts'), `import { createQueryClient } from '@phoenix/sdk';\ncreateQueryClient({ baseUrl: 'x' }).GET('/v1/wallets/{user_id}', { params: { path: { user: 'u1' } } });\n`);
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2023,dom'];
    const good = run(process.execPath, [tsc, ...flags, 'use.mts', 'use.cts'], project);
    expect(good.stdout + good.stderr).toBe('');
    expect(good.status).toBe(0);
    const wrong = run(process.execPath, [tsc, ...flags, 'wrong.mts'], project);
    expect(wrong.stdout).toContain('wrong.mts');
    expect(wrong.status).not.toBe(0);
  }, 60_000);
});
