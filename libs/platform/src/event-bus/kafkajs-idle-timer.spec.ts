import { stopKafkajsIdleTimerLoop } from './kafkajs-idle-timer';

interface Queue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
  destroy(): void;
}

const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: Record<string, unknown>) => Queue;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('stopKafkajsIdleTimerLoop', () => {
  let queue: Queue;

  beforeAll(() => stopKafkajsIdleTimerLoop());
  beforeEach(() => {
    queue = new RequestQueue({ maxInFlightRequests: null, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'test', broker: 'b:9092', logger: silent });
  });
  afterEach(() => queue.destroy());

  it('arms no timer on an idle connection', () => {
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('still schedules the check while requests wait or the broker throttles', () => {
    queue.pending.push({});
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();

    clearTimeout(queue.throttleCheckTimeoutId!);
    queue.throttleCheckTimeoutId = null;
    queue.pending = [];
    queue.throttledUntil = Date.now() + 1_000;
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
  });

  it('patches once, however many bundles ask', () => {
    const patched = Object.getPrototypeOf(queue).scheduleCheckPendingRequests;
    stopKafkajsIdleTimerLoop();
    expect(Object.getPrototypeOf(queue).scheduleCheckPendingRequests).toBe(patched);
  });
});
