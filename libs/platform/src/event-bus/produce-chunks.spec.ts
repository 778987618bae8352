import { BusMessage } from './event-bus';
import { messageBytes, splitByBytes } from './produce-chunks';

const message = (key: string, valueBytes: number): BusMessage => ({ topic: 't', key, value: 'x'.repeat(valueBytes), headers: { 'event-id': key } });

describe('splitByBytes', () => {
  it('keeps a publish that fits in one send', () => {
    const messages = [message('a', 10), message('b', 10)];
    expect(splitByBytes(messages, 10_000)).toEqual([messages]);
    expect(splitByBytes([], 10_000)).toEqual([]);
  });

  it('splits in order, every send within the budget', () => {
    const messages = Array.from({ length: 10 }, (_, i) => message(`k${i}`, 300));
    const chunks = splitByBytes(messages, 1_000);
    expect(chunks.flat()).toEqual(messages);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.reduce((sum, m) => sum + messageBytes(m), 0)).toBeLessThanOrEqual(1_000);
  });

  it('sends a message larger than the budget alone', () => {
    const messages = [message('a', 10), message('big', 5_000), message('c', 10)];
    expect(splitByBytes(messages, 1_000).map((chunk) => chunk.map((m) => m.key))).toEqual([['a'], ['big'], ['c']]);
  });

  it('counts multi-byte characters as bytes', () => {
    expect(messageBytes(message('é', 0)) - messageBytes(message('e', 0))).toBe(2);
  });
});
