import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';

// The built bundles keep node_modules outside them (webpack-node-externals): every package a
// bundle requires at run time must be a runtime dependency, or an image built with
// `npm ci --omit=dev` starts without it. Build first (`npx nx run-many -t build`).
const workspaceRoot = resolve(__dirname, '../../../..');
const APPS = ['rewards-catalog', 'order-fulfillment', 'grants-analytics', 'query-gateway', 'admin-gateway', 'standalone'];

const manifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** The packages the JavaScript files of one app's build require from outside themselves. */
function requiredPackages(app: string): string[] {
  const dir = join(workspaceRoot, 'dist/apps', app);
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run \`npx nx run-many -t build\` first`);
  const packages = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    for (const [, specifier] of readFileSync(join(dir, file), 'utf8').matchAll(/\brequire\("([^"./][^"]*)"\)/g)) {
      if (builtins.has(specifier!)) continue;
      const parts = specifier!.split('/');
      packages.add(specifier!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return [...packages].sort();
}

describe.each(APPS)('the %s bundle', (app) => {
  let required: string[];
  beforeAll(() => {
    required = requiredPackages(app);
  });

  it('requires runtime dependencies only', () => {
    expect(required.length).toBeGreaterThan(3);
    expect(required.filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });

  it('does not load TypeORM (a development dependency: the schema test and the migration generator)', () => {
    expect(required).not.toContain('typeorm');
    expect('typeorm' in manifest.dependencies).toBe(false);
  });
});
