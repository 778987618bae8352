import { performance } from 'node:perf_hooks';

/** What one request ended with: `label` groups outcomes in the report (an HTTP status, an error code). */
export interface Outcome {
  ok: boolean;
  label: string;
  /** Kept for the first few failures only, to show what went wrong. */
  detail?: string;
}

/** One request of a run; `index` is global to the run, so every request is distinct. */
export type Operation = (index: number) => Promise<Outcome>;

export interface RunResult {
  completed: number;
  ok: number;
  elapsedMs: number;
  /** Latency of every successful request, in ms, sorted ascending. */
  latencies: Float64Array;
  outcomes: Map<string, number>;
  failures: string[];
}

const MAX_FAILURE_SAMPLES = 5;

/**
 * A closed-loop load: `connections` workers each send a request, wait for its answer and send
 * the next, until `seconds` have passed. Closed loop because that is how a pgbench baseline
 * runs too, so both sides of a ratio are measured the same way. Requests share one counter,
 * so the request mix (users, rewards) does not depend on which side is faster.
 */
export async function runClosedLoop(connections: number, seconds: number, operation: Operation, firstIndex = 0): Promise<RunResult> {
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const failures: string[] = [];
  let next = firstIndex;
  let completed = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  async function worker(): Promise<void> {
    while (performance.now() < deadline) {
      const index = next++;
      const sent = performance.now();
      const outcome = await settle(operation, index);
      completed++;
      outcomes.set(outcome.label, (outcomes.get(outcome.label) ?? 0) + 1);
      if (outcome.ok) latencies.push(performance.now() - sent);
      else if (failures.length < MAX_FAILURE_SAMPLES) failures.push(`${outcome.label}: ${outcome.detail ?? ''}`.slice(0, 300));
    }
  }

  await Promise.all(Array.from({ length: connections }, worker));
  const sorted = Float64Array.from(latencies).sort();
  return { completed, ok: sorted.length, elapsedMs: performance.now() - started, latencies: sorted, outcomes, failures };
}

/** A thrown error is an outcome too: a load run reports failures, it does not stop on them. */
async function settle(operation: Operation, index: number): Promise<Outcome> {
  try {
    return await operation(index);
  } catch (error) {
    const err = error as Error & { code?: string };
    return { ok: false, label: `thrown ${err.code ?? err.name}`, detail: err.message };
  }
}

/** Nearest-rank percentile of an ascending array; NaN when it is empty. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** Successful requests per second over the whole run, tail included. */
export function throughput(result: RunResult): number {
  return result.ok / (result.elapsedMs / 1000);
}
