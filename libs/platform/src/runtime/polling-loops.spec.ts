import { Logger } from '@nestjs/common';
import { startPollingLoops } from './polling-loops';

describe('startPollingLoops', () => {
  it('stops without waiting out an idle pause', async () => {
    const stop = startPollingLoops({ count: 2, idleMs: 60_000, runOnce: async () => false, logger: new Logger('test'), what: 'nothing' });
    await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('lets the unit under way finish before stop resolves', async () => {
    let finished = 0;
    const stop = startPollingLoops({
      count: 1,
      idleMs: 10,
      runOnce: async () => {
        await new Promise((r) => setTimeout(r, 50));
        finished += 1;
        return true;
      },
      logger: new Logger('test'),
      what: 'slow work',
    });
    await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(finished).toBe(1);
  });
});
