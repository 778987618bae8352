/** The part of kafkajs' per-connection request queue (src/network/requestQueue) that matters here. */
interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

const PATCHED = Symbol.for('phoenix.kafkajs-idle-timer');

/**
 * kafkajs 2.2.4 re-arms a timer for "pending requests" after every check even when none are
 * pending and nothing throttles the connection; the delay then comes out negative, so every
 * broker connection spins through a 1 ms timer for as long as it is open (tulios/kafkajs#1556,
 * #1704, still unreleased upstream). That loop is most of an idle app's CPU. With nothing
 * pending and no throttle there is nothing for the timer to do: the next `push` sends at once
 * or schedules the check itself, and every response runs the check anyway. So the timer is
 * skipped then; a throttle or a pending request still schedules it exactly as before.
 */
export function stopKafkajsIdleTimerLoop(): void {
  // Typed by hand: kafkajs publishes no types for its internals.
  const RequestQueueClass = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueue & { [PATCHED]?: true } };
  const prototype = RequestQueueClass.prototype;
  if (prototype[PATCHED]) return; // standalone loads several bundles into one process
  const schedule = prototype.scheduleCheckPendingRequests;
  prototype.scheduleCheckPendingRequests = function (this: RequestQueue) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  prototype[PATCHED] = true;
}
