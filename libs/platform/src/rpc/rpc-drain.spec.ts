import { InFlightMessages } from './rpc-drain';

describe('InFlightMessages', () => {
  it('drains at once when idle, and refuses messages from then on', async () => {
    const inFlight = new InFlightMessages();
    await inFlight.drain();
    expect(inFlight.enter()).toBe(false);
  });

  it('resolves the drain only once every message being handled has left', async () => {
    const inFlight = new InFlightMessages();
    expect(inFlight.enter()).toBe(true);
    expect(inFlight.enter()).toBe(true);
    let drained = false;
    const drain = inFlight.drain().then(() => (drained = true));
    expect(inFlight.enter()).toBe(false);
    inFlight.leave();
    await Promise.resolve();
    expect(drained).toBe(false);
    inFlight.leave();
    await drain;
    expect(drained).toBe(true);
  });
});
