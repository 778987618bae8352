import { pino } from 'pino';
import { z } from 'zod';
import { baseConfigShape } from '../config/config';
import { currentLogger, registerAppRoot } from '../logging/log-context';
import { gateAppStarts, runApp } from './run-app';

const RUNTIME_KEY = Symbol.for('phoenix.runtime');
const Schema = z.object(baseConfigShape);

describe('runApp', () => {
  afterEach(() => {
    delete (globalThis as unknown as Record<symbol, unknown>)[RUNTIME_KEY];
  });

  it('waits at the gate set before it was called, reads its config only then, and starts in a log context of its own', async () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const asked: string[] = [];
    gateAppStarts((app) => {
      asked.push(app);
      return opened;
    });
    const root = pino({ level: 'silent' });
    const started: Array<{ level: string; logger: unknown }> = [];
    process.env['LOG_LEVEL'] = 'error';
    const running = runApp('held-app', Schema, async (config) => {
      registerAppRoot(root);
      started.push({ level: config.LOG_LEVEL, logger: currentLogger() });
      return { close: async () => undefined };
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual(['held-app']);
    expect(started).toEqual([]);
    // Set after the app was loaded and before its gate opens, as the standalone does with DATABASE_URL.
    process.env['LOG_LEVEL'] = 'debug';
    open();
    await expect(running).resolves.toMatchObject({ name: 'held-app' });
    expect(started).toEqual([{ level: 'debug', logger: root }]);
    delete process.env['LOG_LEVEL'];
  });
});
