import { AppError, ErrorDetail, RewardField } from '@phoenix/contracts';
import { compilePattern } from './regex';

type TextField = Extract<RewardField, { type: 'text' }>;
type SelectField = Extract<RewardField, { type: 'select' }>;

export interface FieldCheck {
  /** Values that are wrong whatever happens next: unknown names, broken rules. */
  details: ErrorDetail[];
  /** Required fields with no value yet. Not an error for a grant: the user supplies them when claiming. */
  missingRequired: string[];
}

/**
 * Checks submitted values against a reward's field definitions, reporting every problem
 * at once (a field may have several). Never throws, whatever the definitions contain.
 */
export function checkFieldValues(definitions: RewardField[], values: Record<string, string>): FieldCheck {
  // A Map, not property lookups: names like "constructor" or "__proto__" must not hit Object.prototype.
  const byName = new Map<string, RewardField>();
  for (const definition of definitions) if (!byName.has(definition.name)) byName.set(definition.name, definition);

  const details: ErrorDetail[] = [];
  for (const [name, value] of Object.entries(values)) {
    const definition = byName.get(name);
    if (definition === undefined) {
      details.push({ path: fieldPath(name), message: 'is not a field of this reward' });
      continue;
    }
    // Blank means "not given": required fields are reported as missing, optional ones are fine.
    if (isBlank(value)) continue;
    const messages = definition.type === 'text' ? textProblems(definition, value) : selectProblems(definition, value);
    for (const message of messages) details.push({ path: fieldPath(name), message });
  }

  const missingRequired = [...byName.values()]
    .filter((definition) => definition.required && !hasValue(values, definition.name))
    .map((definition) => definition.name);

  return { details, missingRequired };
}

/** For purchases and claims: every required field must be there now. */
export function assertCompleteFieldValues(definitions: RewardField[], values: Record<string, string>): void {
  const check = checkFieldValues(definitions, values);
  const details = [...check.details, ...check.missingRequired.map((name) => ({ path: fieldPath(name), message: 'is required' }))];
  if (details.length > 0) throw AppError.validation('Invalid fields', details);
}

/**
 * For grants: given values must be valid, but missing required ones are allowed and
 * returned, since they make the order wait for the user's claim.
 */
export function assertValidFieldValues(definitions: RewardField[], values: Record<string, string>): string[] {
  const check = checkFieldValues(definitions, values);
  if (check.details.length > 0) throw AppError.validation('Invalid fields', check.details);
  return check.missingRequired;
}

function textProblems(field: TextField, value: string): string[] {
  const problems: string[] = [];
  if (field.min_length !== undefined && value.length < field.min_length) {
    problems.push(`must be at least ${field.min_length} characters`);
  }
  if (field.max_length !== undefined && value.length > field.max_length) {
    problems.push(`must be at most ${field.max_length} characters`);
  }
  if (field.pattern !== undefined) {
    const compiled = compilePattern(field.pattern);
    // A definition saved before today's pattern rules may hold a pattern they refuse: refuse the value, don't crash.
    if (compiled.problem !== undefined) problems.push('cannot be checked: the field pattern is not usable');
    else if (!compiled.matches(value)) problems.push('does not match the required format');
  }
  if (field.multiline !== true && /[\r\n]/.test(value)) problems.push('must be a single line');
  return problems;
}

function selectProblems(field: SelectField, value: string): string[] {
  const allowed = field.options.map((option) => option.value);
  return allowed.includes(value) ? [] : [`must be one of: ${allowed.join(', ')}`];
}

function hasValue(values: Record<string, string>, name: string): boolean {
  return Object.hasOwn(values, name) && typeof values[name] === 'string' && !isBlank(values[name]);
}

function isBlank(value: string): boolean {
  return value.trim() === '';
}

function fieldPath(name: string): string {
  return `fields.${name}`;
}
