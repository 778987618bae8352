import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { ErrorDetail } from '../errors/error-code';

export function zodIssuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/**
 * Parses untrusted input (an HTTP body, a message arriving over the wire) against a
 * contract schema. All problems are reported at once as one 400-class AppError.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = zodIssuesToDetails(result.error.issues);
  throw AppError.validation(`Invalid ${what}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
}
