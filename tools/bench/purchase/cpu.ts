import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';

/** Processes to account for, by label (a label may cover several pids, e.g. Postgres backends). */
export type ProcessGroups = Record<string, number[]>;

export interface CpuShare {
  label: string;
  /** CPU time over wall time: 1.0 is one core kept busy for the whole run. */
  cores: number;
}

export interface CpuReport {
  shares: CpuShare[];
  /** Share of all the machine's cores that were busy, anything included (other users of the box too). */
  machineBusy: number;
  /** Busy cores not accounted to any group: other processes on the box, kernel work. */
  elsewhere: number;
}

/** Linux reports /proc times in USER_HZ, which is 100 on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/**
 * Runs `work` and reports how much CPU each group of processes used meanwhile. On a machine
 * with few cores the gateway path competes for them (load generator, two Node services and
 * Postgres), so where the CPU goes says more than latency alone about where time is lost.
 * Pids are listed before and after: a process that appears during the run (a new pool
 * connection) counts from zero; one that exits during it is missed.
 */
export async function measureCpu<T>(groupsNow: () => Promise<ProcessGroups>, work: () => Promise<T>): Promise<{ result: T; cpu: CpuReport }> {
  const before = await groupsNow();
  const startTicks = ticksOf(before);
  const startMachine = machineTicks();
  const started = performance.now();
  const result = await work();
  const wallSeconds = (performance.now() - started) / 1000;
  const after = await groupsNow();
  const endTicks = ticksOf(after);
  const endMachine = machineTicks();

  const shares = Object.entries(after).map(([label, pids]) => {
    const used = pids.reduce((sum, pid) => sum + (endTicks.get(pid) ?? 0) - (startTicks.get(pid) ?? 0), 0);
    return { label, cores: used / TICKS_PER_SECOND / wallSeconds };
  });
  const machineBusy = (endMachine.busy - startMachine.busy) / Math.max(1, endMachine.total - startMachine.total);
  const accounted = shares.reduce((sum, share) => sum + share.cores, 0);
  return { result, cpu: { shares, machineBusy, elsewhere: Math.max(0, machineBusy * availableParallelism() - accounted) } };
}

function ticksOf(groups: ProcessGroups): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of Object.values(groups).flat()) {
    const used = processTicks(pid);
    if (used !== null) ticks.set(pid, used);
  }
  return ticks;
}

/** utime + stime of a process (its threads included), or null when it is gone. */
function processTicks(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? Number(fields[11]) + Number(fields[12]) : null;
}

/** The fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function machineTicks(): { busy: number; total: number } {
  const [, ...values] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const numbers = values.map(Number);
  const total = numbers.reduce((a, b) => a + b, 0);
  const idle = (numbers[3] ?? 0) + (numbers[4] ?? 0);
  return { busy: total - idle, total };
}

/** Direct children of a process, with their command lines (the distributed launcher's five apps). */
export function childProcesses(parentPid: number): Array<{ pid: number; cmdline: string }> {
  const children: Array<{ pid: number; cmdline: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const fields = statFields(pid);
    if (!fields || Number(fields[1]) !== parentPid) continue;
    try {
      children.push({ pid, cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // exited meanwhile
    }
  }
  return children;
}
