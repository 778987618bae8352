import { BatchMerger } from './batch-merger';
import type { BusMessage } from './event-bus';

const message = (key: string): BusMessage => ({ topic: 't', key, value: key, headers: {} });

describe('BatchMerger', () => {
  it('merges batches that arrive together into one handler call', async () => {
    const calls: string[][] = [];
    const merger = new BatchMerger(async (messages) => void calls.push(messages.map((m) => m.key)));
    await Promise.all([merger.run([message('a1'), message('a2')]), merger.run([message('b1')]), merger.run([message('c1')])]);
    expect(calls).toEqual([['a1', 'a2', 'b1', 'c1']]);
  });

  it('never overlaps calls; batches arriving during a call go together into the next', async () => {
    const calls: string[][] = [];
    let active = 0;
    let maxActive = 0;
    let releaseFirst!: () => void;
    const firstBlocked = new Promise<void>((resolve) => (releaseFirst = resolve));
    const merger = new BatchMerger(async (messages) => {
      active++;
      maxActive = Math.max(maxActive, active);
      calls.push(messages.map((m) => m.key));
      if (calls.length === 1) await firstBlocked;
      active--;
    });
    const first = merger.run([message('a1')]);
    await new Promise((resolve) => setImmediate(resolve)); // the first call is running now
    await new Promise((resolve) => setImmediate(resolve));
    const later = [merger.run([message('a2')]), merger.run([message('b1')])];
    releaseFirst();
    await Promise.all([first, ...later]);
    expect(calls).toEqual([['a1'], ['a2', 'b1']]);
    expect(maxActive).toBe(1);
  });

  it('rejects every batch of a failed call and goes on with the next ones', async () => {
    let fail = true;
    const merger = new BatchMerger(async () => {
      if (fail) throw new Error('insert failed');
    });
    const failed = Promise.allSettled([merger.run([message('a')]), merger.run([message('b')])]);
    expect((await failed).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(merger.run([message('c')])).resolves.toBeUndefined();
  });
});
