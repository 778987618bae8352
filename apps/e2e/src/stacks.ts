import type { StackInfo } from '@phoenix/testing';
import { readFileSync } from 'node:fs';

/** The stacks started by the global setup, one per run mode. */
export function stacks(): StackInfo[] {
  const file = process.env['PHOENIX_E2E_STACKS'];
  if (!file) throw new Error('PHOENIX_E2E_STACKS is not set: run the e2e tier through jest (global setup)');
  return JSON.parse(readFileSync(file, 'utf8')) as StackInfo[];
}

/** `describe.each` rows: one per run mode. */
export function eachMode(): Array<[string, StackInfo]> {
  return stacks().map((stack) => [stack.mode, stack]);
}
