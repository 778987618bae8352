import { AppError, ErrorDetail, Fulfillment, Price, RewardField } from '@phoenix/contracts';
import { compilePattern } from './regex';

export interface RewardDefinition {
  fields: RewardField[];
  fulfillment: Fulfillment;
  purchase?: { prices: Price[] } | null;
}

/**
 * The checks the zod schema cannot express (they span several properties or need to run
 * code), all reported at once so an admin fixes a definition in one round trip.
 * Fulfillment needs nothing here: zod already requires a non-empty api retry backoff.
 */
export function rewardDefinitionProblems(def: RewardDefinition): ErrorDetail[] {
  return [...fieldProblems(def.fields), ...priceProblems(def.purchase?.prices ?? [])];
}

export function assertValidRewardDefinition(def: RewardDefinition): void {
  const details = rewardDefinitionProblems(def);
  if (details.length > 0) throw AppError.validation('Invalid reward definition', details);
}

function fieldProblems(fields: RewardField[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  // Names are keys of the submitted values, so they must be unique exactly as typed.
  const firstIndexByName = new Map<string, number>();
  fields.forEach((field, index) => {
    const path = `fields.${index}`;
    const first = firstIndexByName.get(field.name);
    if (first === undefined) firstIndexByName.set(field.name, index);
    else problems.push({ path: `${path}.name`, message: `duplicates the name of field ${first} ("${field.name}")` });

    if (field.type === 'text') {
      const patternProblem = field.pattern === undefined ? undefined : compilePattern(field.pattern).problem;
      if (patternProblem !== undefined) problems.push({ path: `${path}.pattern`, message: patternProblem });
      if (field.min_length !== undefined && field.max_length !== undefined && field.min_length > field.max_length) {
        problems.push({ path: `${path}.min_length`, message: `must not exceed max_length (${field.max_length})` });
      }
    } else {
      problems.push(...duplicates(field.options.map((o) => o.value), (j) => `${path}.options.${j}.value`, 'option value'));
    }
  });
  return problems;
}

function priceProblems(prices: Price[]): ErrorDetail[] {
  // One price per currency: otherwise "the price in X" would be ambiguous at purchase time.
  return duplicates(prices.map((p) => p.currency), (j) => `purchase.prices.${j}.currency`, 'currency');
}

/** One detail per repeat (not for the first occurrence), pointing at the repeat. */
function duplicates(values: string[], pathOf: (index: number) => string, what: string): ErrorDetail[] {
  const seen = new Set<string>();
  const problems: ErrorDetail[] = [];
  values.forEach((value, index) => {
    if (seen.has(value)) problems.push({ path: pathOf(index), message: `duplicate ${what} "${value}"` });
    seen.add(value);
  });
  return problems;
}
