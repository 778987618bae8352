import { AppError } from '@phoenix/contracts';
import type { FastifyRequest } from 'fastify';

/**
 * How deep a request body may nest objects and arrays; the body itself is level 1, so a
 * free-form field such as `metadata` or `config` has 31 levels of its own. Deeper bodies are
 * refused at the edge: past this point nothing useful is expressed, and each later step that
 * walks the value (size checks, RPC serialisation, JSONB) would recurse once per level.
 */
export const MAX_JSON_DEPTH = 32;

type DefaultJsonParser = (request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) => void;

// `fatal`: a malformed sequence is an error rather than U+FFFD stored in place of the sender's text.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON body parser of every HTTP edge: the bytes must be valid UTF-8 (RFC 8259 §8.1),
 * Fastify's own parser (with its prototype-poisoning checks) reads them, and the value must
 * not nest deeper than MAX_JSON_DEPTH.
 */
export function strictJsonParser(parseJson: DefaultJsonParser) {
  return (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void): void => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(AppError.validation('Request body is not valid UTF-8'));
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) {
        done(error);
        return;
      }
      const field = typeof value === 'object' && value !== null ? fieldNestedDeeperThan(value, MAX_JSON_DEPTH) : null;
      if (field === null) {
        done(null, value);
        return;
      }
      done(
        AppError.validation(`Request body nests deeper than ${MAX_JSON_DEPTH} levels (in ${field})`, [
          { path: field, message: `nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels` },
        ]),
      );
    });
  };
}

/**
 * The top-level field (or index) holding the first object or array nested deeper than `limit`
 * (the root is level 1), or null. Iterative on
 * purpose: the values it guards against would overflow a recursive walk.
 */
export function fieldNestedDeeperThan(root: unknown, limit: number): string | null {
  const stack: Array<{ value: unknown; depth: number; field: string }> = [{ value: root, depth: 1, field: '(body)' }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, depth, field } = next;
    if (depth > limit) return field;
    for (const [key, child] of Object.entries(value as object)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1, field: depth === 1 ? key : field });
    }
  }
  return null;
}
