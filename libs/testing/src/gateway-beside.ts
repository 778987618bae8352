import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { registerGateway } from './contract';
import { freePorts } from './ports';
import { AppName, StackInfo, stopProcess, tail, waitUntilReady } from './stack';

export type GatewayName = 'query-gateway' | 'admin-gateway';

/** An app of the build running as a process of its own, beside a stack. */
export interface AppBeside {
  url: string;
  /** Its operations port: health and metrics (a service's `url` is that port too). */
  opsUrl: string;
  logFile: string;
  stop(): Promise<number | null>;
}

export type GatewayBeside = AppBeside;

const PORT_VARIABLE: Record<GatewayName, string> = { 'query-gateway': 'QUERY_GATEWAY_PORT', 'admin-gateway': 'ADMIN_GATEWAY_PORT' };
const OPS_PORT_VARIABLE: Record<GatewayName, string> = { 'query-gateway': 'QUERY_GATEWAY_OPS_PORT', 'admin-gateway': 'ADMIN_GATEWAY_OPS_PORT' };

/**
 * One more gateway process from the build, calling a running stack's services, with settings
 * of its own on top (`env`). Far cheaper than a stack, for tests of what a gateway does per
 * process (rate limits) without touching the stack's own gateways.
 */
export async function startGatewayBeside(
  stack: StackInfo,
  gateway: GatewayName,
  options: { workspaceRoot: string; env?: Record<string, string> },
): Promise<GatewayBeside> {
  const [port, opsPort] = await freePorts(2);
  const logFile = join(mkdtempSync(join(tmpdir(), `phoenix-${gateway}-`)), `${gateway}.log`);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['PHOENIX_TEST_LOG_LEVEL'] ?? 'warn',
    HOST: '127.0.0.1',
    [PORT_VARIABLE[gateway]]: String(port),
    [OPS_PORT_VARIABLE[gateway]]: String(opsPort),
    DOCS_PUBLIC: 'true',
    REWARDS_CATALOG_PORT: String(stack.rpcPorts['rewards-catalog']),
    ORDER_FULFILLMENT_PORT: String(stack.rpcPorts['order-fulfillment']),
    GRANTS_ANALYTICS_PORT: String(stack.rpcPorts['grants-analytics']),
    PHOENIX_PLATFORM_KEY: stack.platformKey,
    ADMIN_JWT_SECRET: stack.adminJwtSecret,
    ...(options.env ?? {}),
  };
  registerGateway(`http://127.0.0.1:${port}`, gateway);
  return startBuiltApp(options.workspaceRoot, gateway, env, logFile, `http://127.0.0.1:${port}`, `http://127.0.0.1:${opsPort}`);
}

/**
 * Runs one app of the build (`dist/apps/<app>/main.js`) with exactly `env`, logging to `logFile`,
 * and resolves once its health routes at `opsUrl` answer; a failed start ends it and shows the log.
 */
export async function startBuiltApp(
  workspaceRoot: string,
  app: AppName,
  env: Record<string, string>,
  logFile: string,
  url: string,
  opsUrl = url,
): Promise<AppBeside> {
  const root = resolve(workspaceRoot);
  const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/apps', app, 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  try {
    await waitUntilReady(child, [opsUrl], 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${app} did not start: ${(error as Error).message}\n--- ${logFile} ---\n${tail(logFile)}`);
  }
  return { url, opsUrl, logFile, stop: () => stopProcess(child) };
}
