import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** ESLint's verdict on `code` as if it were the file at `path` (nothing is written). */
function lintAs(path: string, code: string): Promise<LintMessage[]> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      'npx',
      ['eslint', '--no-warn-ignored', '--format', 'json', '--stdin', '--stdin-filename', path],
      { cwd: workspaceRoot, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        // Exit 1 means "problems found"; anything else without JSON is a real failure.
        try {
          const [result] = JSON.parse(stdout) as Array<{ messages: LintMessage[] }>;
          resolvePromise(result?.messages ?? []);
        } catch {
          reject(error ?? new Error(`eslint printed no JSON: ${stdout}`));
        }
      },
    );
    child.stdin!.end(code);
  });
}

const rules = (messages: LintMessage[]) => messages.map((m) => m.ruleId);

// The structure the lint keeps: apps never import apps, and the pure libs (contracts, domain)
// import no framework, driver or infrastructure lib. Each rule is shown refusing a real import.
describe('module boundaries (eslint)', () => {
  it('lets a pure lib import what it may', async () => {
    expect(await lintAs('libs/domain/src/boundary-probe.ts', `import { z } from 'zod';\nexport const probe = z.string();\n`)).toEqual([]);
  }, 120_000);

  it.each([
    ['@nestjs/common', `import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n`],
    ['pino', `import pino from 'pino';\nexport const probe = pino;\n`],
    ['pg', `import { Pool } from 'pg';\nexport const probe = Pool;\n`],
  ])('refuses a framework or driver (%s) in a pure lib', async (_name, code) => {
    expect(rules(await lintAs('libs/domain/src/boundary-probe.ts', code))).toContain('@typescript-eslint/no-restricted-imports');
  }, 120_000);

  it('refuses an infrastructure lib in a pure lib', async () => {
    const messages = await lintAs('libs/contracts/src/boundary-probe.ts', `import { queryRows } from '@phoenix/persistence';\nexport const probe = queryRows;\n`);
    expect(rules(messages)).toContain('@nx/enforce-module-boundaries');
  }, 120_000);

  it('refuses an app importing another app', async () => {
    const messages = await lintAs('apps/query-gateway/src/boundary-probe.ts', `import { app } from '../../rewards-catalog/src/main';\nexport const probe = app;\n`);
    expect(rules(messages)).toContain('@nx/enforce-module-boundaries');
  }, 120_000);
});
