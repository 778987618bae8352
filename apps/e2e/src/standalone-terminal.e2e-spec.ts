import { call, createReward, createTenant, eventually, stackEnvironment, stopProcess, TestReceiver, waitUntilReady } from '@phoenix/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');
/** SGR escape sequences (ESC [ … m): what makes a line coloured on a terminal. */
const SGR = `${String.fromCharCode(27)}\\[\\d+(;\\d+)*m`;
const COLOUR = new RegExp(SGR);
const stripColour = (text: string) => text.replace(new RegExp(SGR, 'g'), '');
const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

// `npm start` at a terminal, as a person runs it: util-linux's `script` gives the standalone a
// pseudo-terminal for its output, so process.stdout.isTTY is true as it is in a shell.
describe('the standalone as a person starts it: at a terminal (a pseudo-terminal from script(1)), with nothing set', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;
  let output = '';
  let started: { adminUrl: string; platformKey: string } | undefined;

  afterAll(async () => {
    if (child) await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('writes coloured single lines, not JSON, and a client error at info, not warn', async () => {
    const { env, urls, opsUrls } = await stackEnvironment('standalone', { LOG_LEVEL: 'info' });
    // As a person starts it: no log format, no outgoing-call policy (the test stacks allow private targets).
    for (const name of ['KAFKA_BROKERS', 'DATABASE_URL', 'LOG_FORMAT', 'WEBHOOK_ALLOW_PRIVATE']) delete env[name];
    dataDir = mkdtempSync(join(tmpdir(), 'phoenix-terminal-'));
    env['DATA_DIR'] = dataDir;
    const command = `exec ${shellQuote(process.execPath)} ${shellQuote(join(workspaceRoot, 'dist/apps/standalone/main.js'))}`;
    // -q: no start and end notes; -f: flush as it comes; -e: the command's exit code; no typescript file.
    child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: workspaceRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await waitUntilReady(child, [opsUrls['query-gateway'], opsUrls['admin-gateway']], 90_000);
    const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { platform_key: string };
    started = { adminUrl: urls['admin-gateway'], platformKey: credentials.platform_key };

    const refused = await fetch(`${urls['query-gateway']}/v1/rewards/catalog`);
    expect(refused.status).toBe(401);
    const lines = await eventually(async () => {
      const found = output.split(/\r?\n/).filter((line) => line.trim().length > 0);
      expect(found.some((line) => /\b401\b/.test(stripColour(line)))).toBe(true);
      return found;
    }, 10_000);

    // The banner, then pino-pretty's lines: level names in colour, no JSON anywhere.
    expect(output).toContain('Phoenix Rewards (standalone) is up');
    const logLines = lines.filter((line) => /\b(INFO|WARN|ERROR|DEBUG)\b/.test(stripColour(line)));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.every((line) => COLOUR.test(line))).toBe(true);
    expect(lines.filter((line) => stripColour(line).trimStart().startsWith('{'))).toEqual([]);
    const refusal = logLines.find((line) => /\b401\b/.test(stripColour(line)))!;
    expect(stripColour(refusal)).toMatch(/\bINFO\b/);
    // The single machine's outgoing-call policy, said at start-up.
    expect(stripColour(output)).toContain('outgoing calls: loopback and private addresses allowed');
    // A clean start warns of nothing.
    expect(logLines.filter((line) => /\b(WARN|ERROR|FATAL)\b/.test(stripColour(line))).map(stripColour)).toEqual([]);
  }, 120_000);

  it('allows a webhook receiver on 127.0.0.1 by default (a single machine), and delivers to it', async () => {
    const { adminUrl, platformKey } = started!;
    const tenant = await createTenant({ adminUrl, platformKey });
    const receiver = await TestReceiver.start('pending', () => ({ status: 200 }));
    try {
      const hook = await call(adminUrl, 'POST', `/v1/tenants/${tenant.id}/webhooks`, { headers: { 'x-api-key': tenant.api_key }, json: { url: receiver.url, events: ['order.created'] } });
      expect(hook.status).toBe(201);
      receiver.useSecret(hook.body.secret);
      const reward = await createReward({ adminUrl }, tenant, { fulfillment: { type: 'manual' }, requires_claim: true });
      await call(adminUrl, 'POST', `/v1/tenants/${tenant.id}/grants`, { headers: { 'x-api-key': tenant.api_key }, json: { user_id: 'local', reward_id: reward.id, source_type: 'admin', source_ref: 'local-1' } });
      await eventually(async () => expect(receiver.calls.filter((c) => c.signatureValid)).toHaveLength(1), 20_000, 100);
    } finally {
      await receiver.close();
    }
  }, 60_000);
});
