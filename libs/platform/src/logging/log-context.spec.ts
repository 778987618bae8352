import { Logger } from '@nestjs/common';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { InProcessEventBus } from '../event-bus/in-process-event-bus';
import { AppLogger, currentLogger, registerAppRoot, runAsApp, runAsRequest } from './log-context';

const STATE_KEY = Symbol.for('phoenix.log-context');

function capture(app: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { root: pino({ level: 'debug', base: { app } }, stream), lines };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('log context', () => {
  beforeEach(() => {
    delete (globalThis as unknown as Record<symbol, unknown>)[STATE_KEY];
    Logger.overrideLogger(new AppLogger());
  });

  afterAll(() => Logger.overrideLogger(false));

  it('sends each app’s later lines (timers, promises) to its own root, whichever app started last', async () => {
    const catalog = capture('rewards-catalog');
    const gateway = capture('query-gateway');
    const fired: Array<Promise<void>> = [];
    const startApp = (root: typeof catalog.root, context: string) =>
      runAsApp(async () => {
        registerAppRoot(root);
        await tick();
        // A loop the app starts, firing after every app has started.
        fired.push(new Promise((resolve) => setTimeout(() => resolve(new Logger(context).log('tick')), 20)));
      });
    await startApp(catalog.root, 'OutboxRelay');
    await startApp(gateway.root, 'CatalogCache');
    await Promise.all(fired);
    expect(catalog.lines).toEqual([expect.objectContaining({ app: 'rewards-catalog', context: 'OutboxRelay', msg: 'tick' })]);
    expect(gateway.lines).toEqual([expect.objectContaining({ app: 'query-gateway', context: 'CatalogCache', msg: 'tick' })]);
  });

  it('writes outside any app to the first root built, and a request’s lines to its own logger', () => {
    const first = capture('first');
    const second = capture('second');
    registerAppRoot(first.root);
    registerAppRoot(second.root);
    new Logger('Shutdown').log('closing');
    const request = capture('request');
    runAsRequest({ logger: request.root }, () => new Logger('Handler').warn('inside'));
    expect(first.lines).toEqual([expect.objectContaining({ app: 'first', context: 'Shutdown', msg: 'closing' })]);
    expect(request.lines).toEqual([expect.objectContaining({ app: 'request', context: 'Handler', msg: 'inside', level: 40 })]);
    expect(second.lines).toEqual([]);
  });

  it('runs an in-process bus delivery in the subscriber’s context, not the publisher’s', async () => {
    const publisher = capture('rewards-catalog');
    const subscriber = capture('order-fulfillment');
    const bus = new InProcessEventBus({ started: true });
    const seen: unknown[] = [];
    await runAsApp(async () => {
      registerAppRoot(subscriber.root);
      await bus.subscribe('events', 'jobs', async () => {
        seen.push(currentLogger());
      });
    });
    await runAsApp(async () => {
      registerAppRoot(publisher.root);
      await bus.publish([{ topic: 'events', key: 'k', value: '{}' } as never]);
    });
    expect(seen).toEqual([subscriber.root]);
  });

  it('writes Nest’s calls in nestjs-pino’s shape: context last, objects merged, errors as err, handler stacks kept', () => {
    const { root, lines } = capture('app');
    registerAppRoot(root);
    const logger = new AppLogger();
    logger.log('plain', 'Ctx');
    logger.debug({ order_id: 'o-1' }, 'with fields %s', 'Ctx');
    logger.error(new Error('boom'), 'Ctx');
    logger.error('Handler failed', 'Error: x\n    at frame (file.ts:1:1)', 'ExceptionsHandler');
    logger.verbose('not written at debug');
    expect(lines[0]).toMatchObject({ level: 30, context: 'Ctx', msg: 'plain' });
    expect(lines[1]).toMatchObject({ level: 20, context: 'Ctx', order_id: 'o-1' });
    expect(lines[2]).toMatchObject({ level: 50, context: 'Ctx', err: { message: 'boom' } });
    expect(lines[3]).toMatchObject({ level: 50, context: 'ExceptionsHandler', err: { message: 'Handler failed', stack: 'Error: x\n    at frame (file.ts:1:1)' } });
    expect(lines).toHaveLength(4);
  });
});
