import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

// The SDK's types are what openapi-typescript makes of the committed documents: a change to the
// API (npm run openapi) that is not carried into the SDK fails here.
describe('the generated SDK types', () => {
  it('are what openapi-typescript gives for openapi/*.json (else: node libs/sdk/scripts/generate-types.mjs, and commit the result)', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'libs', 'sdk', 'scripts', 'generate-types.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  }, 60_000);
});
