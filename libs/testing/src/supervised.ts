import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from './ports';
import { AppName, StackEnvironment, stackEnvironment, tail } from './stack';

const run = promisify(execFile);

/** Services first: the gateways need them. */
const START_ORDER: AppName[] = ['rewards-catalog', 'order-fulfillment', 'grants-analytics', 'query-gateway', 'admin-gateway'];

/**
 * The five apps of the distributed mode as separate processes that a test controls one by
 * one (kill, restart), for fault tests. Each app logs to its own file.
 */
export class SupervisedApps {
  private readonly processes = new Map<AppName, ChildProcess>();
  readonly platformKey: string;

  private constructor(
    private readonly root: string,
    readonly environment: StackEnvironment,
  ) {
    this.platformKey = environment.env['PHOENIX_PLATFORM_KEY']!;
  }

  /**
   * Starts the apps (all five unless `apps` names some, in start order) from the build under
   * `workspaceRoot`, each until ready, or only live where `probe` says so.
   */
  static async start(options: {
    workspaceRoot: string;
    databaseUrl: string;
    kafkaBrokers: string;
    env?: Record<string, string>;
    apps?: readonly AppName[];
    probe?: (app: AppName) => 'ready' | 'live';
  }): Promise<SupervisedApps> {
    const environment = await stackEnvironment('distributed', {
      DATABASE_URL: options.databaseUrl,
      KAFKA_BROKERS: options.kafkaBrokers,
      PHOENIX_PLATFORM_KEY: `test-platform-key-${randomBytes(24).toString('hex')}`,
      ...(options.env ?? {}),
    });
    environment.env['DATA_DIR'] = join(environment.logDir, 'data');
    const apps = new SupervisedApps(resolve(options.workspaceRoot), environment);
    try {
      for (const app of START_ORDER.filter((name) => options.apps?.includes(name) ?? true)) {
        await apps.startApp(app, 60_000, options.probe?.(app) ?? 'ready');
      }
    } catch (error) {
      await apps.stopAll(); // none of them outlives a failed start
      throw error;
    }
    return apps;
  }

  get adminUrl(): string {
    return this.environment.urls['admin-gateway'];
  }

  get queryUrl(): string {
    return this.environment.urls['query-gateway'];
  }

  logFile(app: AppName): string {
    return join(this.environment.logDir, `${app}.log`);
  }

  /** Starts an app and waits until it is ready (or only live: its dependencies may be down on purpose). */
  async startApp(app: AppName, timeoutMs = 60_000, probe: 'ready' | 'live' = 'ready'): Promise<void> {
    const child = spawn(process.execPath, ['--enable-source-maps', join(this.root, 'dist/apps', app, 'main.js')], {
      cwd: this.root,
      env: this.environment.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(this.logFile(app), { flags: 'a' });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.processes.set(app, child);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${app} exited during start-up:\n${tail(this.logFile(app))}`);
      if (Date.now() > deadline) throw new Error(`${app} not ${probe} after ${timeoutMs} ms:\n${tail(this.logFile(app))}`);
      try {
        if ((await fetch(`${this.environment.opsUrls[app]}/health/${probe}`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Stops an app's process where it stands (SIGSTOP): it neither works nor commits until it is
   * killed. A fault test freezes an app to hold a moment still, then kills it at that moment.
   */
  freeze(app: AppName): void {
    const child = this.processes.get(app);
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error(`${app} is not running`);
    child.kill('SIGSTOP');
  }

  /** Ends an app with a signal (SIGKILL: a crash) and waits for the process to be gone. */
  async kill(app: AppName, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    const child = this.processes.get(app);
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill(signal);
    this.processes.delete(app);
    return exited;
  }

  async stopAll(): Promise<void> {
    for (const app of [...START_ORDER].reverse()) await this.kill(app, 'SIGTERM');
  }
}

/** A Kafka broker of a test's own (its own ports and data), from tools/kafka. */
export class TestBroker {
  private constructor(
    private readonly root: string,
    private readonly env: Record<string, string>,
    readonly brokers: string,
  ) {}

  static async start(workspaceRoot: string): Promise<TestBroker> {
    const [port, controllerPort] = await freePorts(2);
    const dir = mkdtempSync(join(tmpdir(), 'phoenix-kafka-'));
    const env = {
      ...(process.env as Record<string, string>),
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controllerPort),
      KAFKA_DATA_DIR: join(dir, 'data'),
      KAFKA_LOG_DIR: join(dir, 'logs'),
      // A restart loads every partition's log one after another: the consumer offsets topic's
      // default 50 partitions took over 60 s to load on a loaded CI machine. Few partitions and
      // a wait as long as the run timeout below keep the restart inside the test.
      KAFKA_OFFSETS_TOPIC_PARTITIONS: '4',
      KAFKA_START_TIMEOUT: '170',
    };
    const broker = new TestBroker(resolve(workspaceRoot), env, `127.0.0.1:${port}`);
    await broker.resume();
    return broker;
  }

  /** Starts (again) on the same ports and data. */
  async resume(): Promise<void> {
    await run('bash', [join(this.root, 'tools/kafka/start-kafka.sh')], { env: this.env, timeout: 180_000 });
  }

  async stop(): Promise<void> {
    await run('bash', [join(this.root, 'tools/kafka/stop-kafka.sh')], { env: this.env, timeout: 60_000 });
  }

  async destroy(): Promise<void> {
    await run('bash', [join(this.root, 'tools/kafka/stop-kafka.sh'), '--wipe'], { env: this.env, timeout: 60_000 });
  }
}
