import { percentile, throughput, type RunResult } from './closed-loop';
import type { CpuReport } from './cpu';

export interface Measured {
  label: string;
  run: RunResult;
  cpu: CpuReport;
}

export interface ScenarioReport {
  title: string;
  gateway: Measured;
  baseline: Measured;
  target: string;
}

const COLUMNS = ['requests', 'errors', 'req/s', 'p50 ms', 'p99 ms'];
const LABEL_WIDTH = 34;
const COLUMN_WIDTH = 10;

export function printScenario(report: ScenarioReport): void {
  const { gateway, baseline } = report;
  console.log(`\n${report.title}`);
  console.log(row('', COLUMNS));
  for (const side of [gateway, baseline]) console.log(row(side.label, figures(side.run)));
  const ratio = throughput(gateway.run) / throughput(baseline.run);
  console.log(row('gateway / baseline throughput', ['', '', `${ratio.toFixed(2)}×`]));
  console.log(`target: ${report.target}`);
  for (const side of [gateway, baseline]) {
    console.log(`  CPU in cores during ${side.label.split(' ')[0]} run: ${cpuLine(side.cpu)}`);
  }
  for (const side of [gateway, baseline]) {
    console.log(`  CPU ms per request, ${side.label.split(' ')[0]}: ${perRequestLine(side)}`);
  }
  for (const side of [gateway, baseline]) printFailures(side);
}

function figures(run: RunResult): string[] {
  return [
    String(run.completed),
    String(run.completed - run.ok),
    throughput(run).toFixed(0),
    percentile(run.latencies, 50).toFixed(1),
    percentile(run.latencies, 99).toFixed(1),
  ];
}

function row(label: string, cells: string[]): string {
  return label.padEnd(LABEL_WIDTH) + cells.map((cell) => cell.padStart(COLUMN_WIDTH)).join('');
}

/** Shares under a hundredth of a core (idle apps) are left out to keep the line readable. */
function cpuLine(cpu: CpuReport): string {
  const shares = cpu.shares
    .filter((share) => share.cores >= 0.01)
    .map((share) => `${share.label} ${share.cores.toFixed(2)}`)
    .join(', ');
  return `${shares}; elsewhere ${cpu.elsewhere.toFixed(2)} (machine ${(cpu.machineBusy * 100).toFixed(0)}% busy)`;
}

/** What each process group spent per successful request, and the sum: where a request's cost goes. */
function perRequestLine(side: Measured): string {
  const perSecond = throughput(side.run);
  if (!(perSecond > 0)) return 'no successful request';
  const shares = side.cpu.shares.map((share) => ({ label: share.label, ms: (share.cores * 1000) / perSecond }));
  const total = shares.reduce((sum, share) => sum + share.ms, 0);
  const listed = shares
    .filter((share) => share.ms >= 0.005)
    .map((share) => `${share.label} ${share.ms.toFixed(2)}`)
    .join(', ');
  return `${listed}; total ${total.toFixed(2)}`;
}

/** Any failure is worth seeing: a purchase benchmark that errors measures the wrong thing. */
function printFailures(side: Measured): void {
  if (side.run.ok === side.run.completed) return;
  const counts = [...side.run.outcomes].map(([label, count]) => `${label} ×${count}`).join(', ');
  console.log(`  ${side.label} outcomes: ${counts}`);
  for (const failure of side.run.failures) console.log(`    e.g. ${failure}`);
}
