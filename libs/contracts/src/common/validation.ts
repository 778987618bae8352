import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { ErrorDetail } from '../errors/error-code';

export function zodIssuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** NUL, or a UTF-16 surrogate without its pair: text that Postgres (text or jsonb) cannot store. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path of the first string (key or value, at any depth) that cannot be stored, if any.
 * Walks iteratively: input may be nested deeper than the call stack allows.
 */
export function findUnstorableText(input: unknown): string | undefined {
  const pending: Array<[unknown, string]> = [[input, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return path || '(root)';
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (UNSTORABLE.test(key)) return childPath;
        pending.push([child, childPath]);
      }
    }
  }
  return undefined;
}

/**
 * Parses untrusted input (an HTTP body, a message arriving over the wire) against a
 * contract schema. All problems are reported at once as one 400-class AppError.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.output<S> {
  const unstorable = findUnstorableText(input);
  if (unstorable !== undefined) {
    const message = 'contains a NUL character or malformed Unicode (an unpaired surrogate)';
    throw AppError.validation(`Invalid ${what}: ${unstorable}: ${message}`, [{ path: unstorable, message }]);
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = zodIssuesToDetails(result.error.issues);
  throw AppError.validation(`Invalid ${what}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
}
