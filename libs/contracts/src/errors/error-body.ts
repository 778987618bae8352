import { z } from 'zod';
import { ErrorCode } from './error-code';

/** The one error shape of every HTTP answer that is not a success (the gateways' filter writes it). */
export const HttpErrorBodySchema = z.object({
  statusCode: z.number().int().min(400).max(599).describe('The HTTP status, repeated'),
  error: z.string().describe('The status text, e.g. "Not Found"'),
  code: z.enum(ErrorCode).describe('What went wrong, for programs: one code maps to one status'),
  message: z.string().describe('What went wrong, for people'),
  details: z
    .array(z.object({ path: z.string().describe('Dotted path of the offending input, e.g. `fields.phone_number`'), message: z.string() }))
    .optional()
    .describe('Each invalid input (validation errors)'),
  error_id: z.string().optional().describe('Quoted in the server log line of an internal error'),
  was_cached: z.literal(true).optional().describe('Present on the replay of an idempotent request’s error only'),
});
