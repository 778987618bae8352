import { createTenant, credit, StackInfo, TestTenant } from '@phoenix/testing';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stacks } from './stacks';

const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLES = join(ROOT, 'examples');

/** The TypeScript block of the README's walk-through. */
function readmeSdkBlock(): string {
  const section = readFileSync(join(ROOT, 'README.md'), 'utf8').split(/^## /m).find((s) => s.startsWith('Walk-through'));
  const blocks = [...(section ?? '').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  expect(blocks).toHaveLength(1);
  return blocks[0]!;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// examples/ run as a tenant's project would run them: Node 24 (which strips their types) in a
// scratch project holding the examples and @phoenix/sdk built into its node_modules, against the
// e2e standalone. Each example's output is checked line by line; they run in the order of
// examples/README.md, since the later ones use what the earlier ones made.
describe('examples/ on the SDK, against a standalone', () => {
  let stack: StackInfo;
  let tenant: TestTenant;
  let project: string;

  const run = (example: string, ...args: string[]) =>
    new Promise<Run>((resolve) => {
      const file = example.endsWith('.mts') ? example : `${example}.ts`;
      const env = {
        ...process.env,
        PHOENIX_QUERY_URL: stack.queryUrl,
        PHOENIX_ADMIN_URL: stack.adminUrl,
        PHOENIX_TENANT_ID: tenant.id,
        PHOENIX_API_KEY: tenant.api_key,
        PHOENIX_JWT_SECRET: tenant.jwt_secret,
        PHOENIX_HMAC_SECRET: tenant.hmac_secret,
      };
      execFile(process.execPath, [file, ...args], { cwd: project, env, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  const lines = async (example: string, ...args: string[]) => {
    const result = await run(example, ...args);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    return result.stdout.trim().split('\n');
  };

  beforeAll(async () => {
    stack = stacks().find((s) => s.mode === 'standalone')!;
    tenant = await createTenant(stack);
    project = mkdtempSync(join(tmpdir(), 'phoenix-examples-'));
    for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.ts') || f === 'package.json')) copyFileSync(join(EXAMPLES, file), join(project, file));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(join(ROOT, 'node_modules', 'openapi-fetch'), join(project, 'node_modules', 'openapi-fetch'));
    const built = spawnSync(process.execPath, [join(ROOT, 'libs', 'sdk', 'scripts', 'build.mjs'), '--out-dir', join(project, 'node_modules', '@phoenix', 'sdk')], { encoding: 'utf8' });
    expect({ status: built.status, stderr: built.stderr }).toEqual({ status: 0, stderr: '' });
  }, 120_000);

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('catalog.ts: creates the seed rewards once and lists them with affordability and details', async () => {
    expect(await lines('catalog')).toEqual([
      'reward airtime-topup: created',
      'reward xp-boost-100: created',
      'available rewards: 2',
      '  airtime-topup: Airtime Top-up, 500 gold_coins, needs 400 more with 100',
      '  xp-boost-100: 100 XP Boost, 50 gold_coins, affordable with 100',
      'details of airtime-topup: fields phone_number, stock 100',
    ]);
    expect((await lines('catalog')).slice(0, 2)).toEqual(['reward airtime-topup: already there', 'reward xp-boost-100: already there']);
  });

  it('purchase.ts: buys once, gets the same order for the same key, and a typed 402 beyond the balance', async () => {
    const output = await lines('purchase');
    expect(output).toEqual([
      'balance: 600 gold_coins',
      expect.stringMatching(/^order [0-9a-f-]{36}: fulfilling, was_cached false$/),
      'same key again: order the same, was_cached true',
      expect.stringMatching(/^second airtime: 402 INSUFFICIENT_BALANCE \(.+\)$/),
      'recent fields: {"phone_number":"+251912345678"}',
    ]);
  });

  it('claim.ts: a granted reward waits for its claim, refuses bad fields, then is claimed and shipped', async () => {
    expect(await lines('claim')).toEqual([
      expect.stringMatching(/^granted hoodie-\d+: order [0-9a-f-]{36} pending_claim$/),
      'pending claims: 1 for this order',
      'claim with bad fields: 400 VALIDATION: fields.phone_number, fields.address',
      'claimed: fulfilling',
      'back office: completed',
    ]);
  });

  it('history.ts: the orders and, once ingested, the same grants in the history, with a summary', async () => {
    const output = await lines('history');
    expect(output[0]).toBe('orders: 2');
    expect(output).toContainEqual(expect.stringMatching(/^ {2}\S+: Champion Hoodie \(leaderboard\) completed$/));
    expect(output).toContainEqual(expect.stringMatching(/^ {2}\S+: Airtime Top-up \(purchase\) fulfilling$/));
    expect(output).toContainEqual('grant history: 2');
    expect(output).toContainEqual(expect.stringMatching(/^ {2}\S+: Champion Hoodie from leaderboard/));
    expect(output.at(-1)).toMatch(/^summary: 2 grants, (leaderboard 1, purchase 1|purchase 1, leaderboard 1)$/);
  });

  it('tenant-backend.ts --demo: mints tokens, receives verified webhooks, refuses a forged one, calls with HMAC', async () => {
    const output = await lines('tenant-backend', '--demo');
    expect(output).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tenant backend on http:\/\/127\.0\.0\.1:\d+$/),
        expect.stringMatching(/^webhook endpoint \S+ registered$/),
        'app with a minted token: demo_user has 0 xp',
        expect.stringMatching(/^webhook order\.created for order [0-9a-f-]{36} \(first-win-\d+\), verified \(standard\)$/),
        expect.stringMatching(/^webhook order\.completed for order [0-9a-f-]{36} \(first-win-\d+\), verified \(standard\)$/),
        'webhook refused: BAD_SIGNATURE',
        'forged webhook: 401',
        'backend with HMAC: demo_user has 250 xp',
      ]),
    );
    expect(output.at(-1)).toMatch(/^events received: (order\.created, order\.completed|order\.completed, order\.created)$/);
  });

  it("the README walk-through's SDK block, as it stands: creates a reward, buys it, reads the history", async () => {
    const own = await createTenant(stack);
    await credit(stack, own, 'user_123', 'gold_coins', 1500);
    writeFileSync(join(project, 'tenant.json'), JSON.stringify(own));
    const block = readmeSdkBlock();
    writeFileSync(join(project, 'walkthrough.mts'), block);
    const output = await lines('walkthrough.mts');
    expect(output).toEqual([
      expect.stringMatching(/^created xp-boost-100 \([0-9a-f-]{36}\)$/),
      expect.stringMatching(/^order [0-9a-f-]{36}: (fulfilling|completed)$/),
      block.trimEnd().split('\n').at(-1)!.replace(/^\/\/ /, ''),
    ]);
  });
});
