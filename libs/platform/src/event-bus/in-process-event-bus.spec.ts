import { BusMessage } from './event-bus';
import { InProcessEventBus } from './in-process-event-bus';

const message = (key: string, topic = 't'): BusMessage => ({ topic, key, value: key, headers: {} });

describe('InProcessEventBus', () => {
  it('delivers every message to every group, in order, and only for its topic', async () => {
    const bus = new InProcessEventBus(1);
    const seen: Record<string, string[]> = { a: [], b: [] };
    await bus.subscribe('t', 'a', async (batch) => void seen['a']!.push(...batch.map((m) => m.key)));
    await bus.subscribe('t', 'b', async (batch) => void seen['b']!.push(...batch.map((m) => m.key)));
    await bus.publish([message('1'), message('x', 'other')]);
    await bus.publish([message('2')]);
    await bus.close();
    expect(seen).toEqual({ a: ['1', '2'], b: ['1', '2'] });
  });

  it('redelivers a batch whose handler failed, before later batches', async () => {
    const bus = new InProcessEventBus(1);
    const seen: string[] = [];
    let failures = 2;
    await bus.subscribe('t', 'g', async (batch) => {
      if (batch[0]!.key === '1' && failures-- > 0) throw new Error('transient');
      seen.push(batch[0]!.key);
    });
    await bus.publish([message('1')]);
    await bus.publish([message('2')]);
    await bus.close();
    expect(seen).toEqual(['1', '2']);
  });
});
