import { readFileSync } from 'node:fs';

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile: always a value that was measured, never an interpolation. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export const ms = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '—');
export const int = (value: number): string => Math.round(value).toLocaleString('en-US');
export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—');
export const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** A table row: a left-aligned label, then right-aligned cells. */
export function row(label: string, cells: readonly string[], labelWidth = 48, cellWidth = 10): string {
  return label.padEnd(labelWidth) + cells.map((cell) => cell.padStart(cellWidth)).join('');
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function memoryMb(pid: number = process.pid): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(/^\S+:\s+(\d+)/.exec(status.split('\n').find((line) => line.startsWith(field)) ?? '')?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS:') / 1024, peak: kb('VmHWM:') / 1024 };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}

export const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));
