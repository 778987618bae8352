import { BusMessage } from './event-bus';
import { InProcessEventBus } from './in-process-event-bus';

const message = (key: string, topic = 't'): BusMessage => ({ topic, key, value: key, headers: {} });

describe('InProcessEventBus', () => {
  it('delivers every message to every group, in order, and only for its topic', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 1, started: true });
    const seen: Record<string, string[]> = { a: [], b: [] };
    await bus.subscribe('t', 'a', async (batch) => void seen['a']!.push(...batch.map((m) => m.key)));
    await bus.subscribe('t', 'b', async (batch) => void seen['b']!.push(...batch.map((m) => m.key)));
    await bus.publish([message('1'), message('x', 'other')]);
    await bus.publish([message('2')]);
    expect(seen).toEqual({ a: ['1', '2'], b: ['1', '2'] });
  });

  it('resolves publish only after the handler succeeded, redelivering a failed batch first', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 1, started: true });
    const seen: string[] = [];
    let failures = 2;
    await bus.subscribe('t', 'g', async (batch) => {
      if (batch[0]!.key === '1' && failures-- > 0) throw new Error('transient');
      seen.push(batch[0]!.key);
    });
    await bus.publish([message('1')]);
    expect(seen).toEqual(['1']);
    await bus.publish([message('2')]);
    expect(seen).toEqual(['1', '2']);
    expect(failures).toBe(-1);
  });

  it('holds a publish made before start() until start(), and refuses one after close()', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 1 });
    const seen: string[] = [];
    await bus.subscribe('t', 'g', async (batch) => void seen.push(...batch.map((m) => m.key)));
    let published = false;
    const early = bus.publish([message('1')]).then(() => (published = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect({ published, seen }).toEqual({ published: false, seen: [] });
    bus.start();
    await early;
    expect(seen).toEqual(['1']);
    await bus.close();
    await expect(bus.publish([message('2')])).rejects.toThrow(/closed/);
  });

  it('refuses a publish still waiting for start() when the bus closes first', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 1 });
    const early = bus.publish([message('1')]);
    await bus.close();
    await expect(early).rejects.toThrow(/closed/);
  });
});
