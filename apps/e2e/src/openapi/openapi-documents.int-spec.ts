import { execFileSync, spawnSync, SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The committed OpenAPI documents (openapi/*.json, written by `npm run openapi`) are what the
// code documents, and the tools users feed them to accept them: each validator's warnings are
// printed, an error fails.
const ROOT = join(__dirname, '..', '..', '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const GATEWAYS = ['query-gateway', 'admin-gateway'];
const documentOf = (gateway: string) => join(ROOT, 'openapi', `${gateway}.json`);

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd: options.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

/** Prints what a tool said, under a title, so warnings show in the test log. */
function report(title: string, result: SpawnSyncReturns<string>): void {
  console.log(`${title} (exit ${result.status})\n${`${result.stdout}\n${result.stderr}`.trim()}`);
}

describe('the OpenAPI documents', () => {
  it('are what the code documents (else: npm run openapi, and commit the result)', () => {
    const result = run('node', ['-r', '@swc-node/register', 'tools/openapi/write-documents.ts', '--check'], { env: { SWC_NODE_PROJECT: 'tsconfig.base.json' } });
    expect({ status: result.status, stderr: result.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  }, 60_000);

  describe.each(GATEWAYS)('%s', (gateway) => {
    it('is valid OpenAPI (swagger-parser)', () => {
      // In a Node of its own: swagger-parser's dependencies are ES modules, which jest's loader does not take.
      const script = "require('@apidevtools/swagger-parser').validate(process.argv[1]).then(() => console.log('valid'), (error) => { console.error(error.message); process.exitCode = 1; })";
      const result = run('node', ['-e', script, documentOf(gateway)]);
      expect({ status: result.status, stderr: result.stderr.trim() }).toEqual({ status: 0, stderr: '' });
    }, 60_000);

    it('passes Redocly lint (recommended ruleset) without errors', () => {
      const result = run(join(BIN, 'redocly'), ['lint', documentOf(gateway), '--config', 'tools/openapi/redocly.yaml', '--format', 'stylish']);
      report(`redocly lint ${gateway}`, result);
      expect(result.status).toBe(0);
    }, 60_000);

    it('passes Spectral (spectral:oas) without errors', () => {
      const result = run(join(BIN, 'spectral'), ['lint', documentOf(gateway), '--ruleset', 'tools/openapi/spectral.yaml', '--fail-severity', 'error']);
      report(`spectral lint ${gateway}`, result);
      expect(result.status).toBe(0);
    }, 60_000);

    it('generates a typescript-fetch client (OpenAPI Generator, spec validated) that compiles with tsc --strict', () => {
      const jar = generatorJar();
      const out = mkdtempSync(join(tmpdir(), `phoenix-openapi-${gateway}-`));
      // `webhooks` are calls the platform makes, not a client's: a client generator has no use for them
      // (typescript-fetch 7.25 turns them into an API whose imports do not compile).
      const { webhooks: _webhooks, ...clientDocument } = JSON.parse(readFileSync(documentOf(gateway), 'utf8')) as Record<string, unknown>;
      const input = join(out, 'document.json');
      writeFileSync(input, JSON.stringify(clientDocument));
      const generated = run('java', ['-jar', jar, 'generate', '-g', 'typescript-fetch', '-i', input, '-o', join(out, 'client')]);
      console.log(`openapi-generator ${gateway} (exit ${generated.status}):\n${warningsOf(generated)}`);
      expect(generated.status).toBe(0);
      const files = listTs(join(out, 'client'));
      const compiled = run(join(BIN, 'tsc'), ['--strict', '--noEmit', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', ...files]);
      report(`tsc --strict on the ${gateway} client (${files.length} files)`, compiled);
      expect(compiled.status).toBe(0);
    }, 180_000);
  });
});

/** OpenAPI Generator's jar, fetched from Maven Central by tools/openapi/pom.xml on first use and cached. */
function generatorJar(): string {
  const pom = readFileSync(join(ROOT, 'tools', 'openapi', 'pom.xml'), 'utf8');
  const version = /<artifactId>openapi-generator-cli<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom)?.[1];
  const cache = join(ROOT, '.cache', 'openapi-generator');
  const jar = join(cache, `openapi-generator-cli-${version}.jar`);
  if (!existsSync(jar)) {
    execFileSync('mvn', ['-q', '-f', 'tools/openapi/pom.xml', 'dependency:copy-dependencies', '-DexcludeTransitive=true', `-DoutputDirectory=${cache}`], { cwd: ROOT, stdio: 'inherit' });
  }
  return jar;
}

function warningsOf(result: SpawnSyncReturns<string>): string {
  return `${result.stdout}\n${result.stderr}`
    .split('\n')
    .filter((line) => /WARN|ERROR|Exception|rror count/.test(line))
    .join('\n');
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
}
