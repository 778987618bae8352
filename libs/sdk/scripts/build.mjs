#!/usr/bin/env node
// Builds the publishable package: node libs/sdk/scripts/build.mjs [--out-dir DIR]
// (DIR relative to the current directory; default dist/libs/sdk in the repository). The sources
// are compiled twice by tsc from tsconfig.lib.json, to ES modules (esm/) and CommonJS (cjs/), each
// with its declarations beside it and a package.json naming its module type, so Node and
// TypeScript read each half as what it is; libs/sdk/package.json (its exports map both halves)
// and the README go to the package's root. `npm pack DIR` packs it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const sdk = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(sdk, '..', '..');
const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
const out = values['out-dir'] ? resolve(values['out-dir']) : join(root, 'dist', 'libs', 'sdk');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const formats = [
  { dir: 'esm', type: 'module', args: ['--module', 'es2022', '--moduleResolution', 'bundler'] },
  { dir: 'cjs', type: 'commonjs', args: ['--module', 'commonjs', '--moduleResolution', 'node10'] },
];

rmSync(out, { recursive: true, force: true });
for (const { dir, type, args } of formats) {
  const result = spawnSync(process.execPath, [tsc, '-p', join(sdk, 'tsconfig.lib.json'), '--outDir', join(out, dir), ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(join(out, dir, 'package.json'), `${JSON.stringify({ type }, null, 2)}\n`);
}
mkdirSync(out, { recursive: true });
copyFileSync(join(sdk, 'package.json'), join(out, 'package.json'));
copyFileSync(join(sdk, 'README.md'), join(out, 'README.md'));
console.log(`built @phoenix/sdk into ${out}`);
