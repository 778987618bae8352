import { RE2JS, RE2JSException } from 're2js';

/**
 * Tenant-supplied field patterns run on user values inside the service's event loop, so they
 * must never backtrack: JavaScript's RegExp takes exponential time on patterns such as
 * `(\w+\s?)*`, and one user's value would stall every tenant. They run on RE2 (re2js, a pure
 * JavaScript port of it: no native build, same engine in both run modes), whose matching time
 * is linear in the value. RE2 has no lookaround and no backreferences; patterns using them are
 * refused when the reward is saved.
 *
 * Linear is not yet cheap: matching costs (value length) × (size of the compiled program), and
 * compiling costs (size) × (size of its character classes). A bounded repeat such as
 * `\p{L}{1000}` compiles to a thousand copies of a class of 1,368 ranges (≈ 1 s to compile
 * forty of them). So the size is capped, and estimated from the text before anything is
 * compiled (see `expandedSize`), keeping the compile and each check within a few milliseconds.
 */
export const MAX_PATTERN_PROGRAM_SIZE = 200;

const FLAGS_ONLY = /\(\?[a-zA-Z-]*\)/y;
const NON_CAPTURING_OPEN = /\(\?[a-zA-Z-]*:/y;
const UNICODE_ESCAPE = /\\[pP](\{[^}]*\}|.)/ys;
const BRACED_ESCAPE = /\\x\{[^}]*\}/y;
const SIMPLE_REPEAT = /[*+?]\??/y;
const COUNTED_REPEAT = /\{(\d+)(,(\d*))?\}\??/y;

/** How much more a Unicode class (`\p{…}`, `\P{…}`, or a bracket holding one) weighs than one character. */
const UNICODE_CLASS_WEIGHT = 8;

/** A pattern ready to check values, or why it cannot be used. */
export type CompiledPattern = { matches(value: string): boolean; problem?: undefined } | { problem: string };

// Compiling costs far more than matching (≈ 0.1 ms), and the same few patterns check every
// purchase of a reward: keep the most recently used ones. Map order is insertion order, so
// re-inserting on a hit keeps the oldest entry first, ready to be evicted.
const CACHE_LIMIT = 1000;
const cache = new Map<string, CompiledPattern>();

/**
 * Compiles a pattern the way field values are checked against it: the whole value must match,
 * whether or not the pattern carries its own ^ and $. Never throws: a bad pattern is a problem
 * to report, not a crash.
 */
export function compilePattern(pattern: string): CompiledPattern {
  const cached = cache.get(pattern);
  if (cached !== undefined) {
    cache.delete(pattern);
    cache.set(pattern, cached);
    return cached;
  }
  const compiled = compile(pattern);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, compiled);
  return compiled;
}

function compile(pattern: string): CompiledPattern {
  const estimate = expandedSize(pattern);
  if (estimate > MAX_PATTERN_PROGRAM_SIZE) return tooComplex(estimate);
  let program: RE2JS;
  try {
    program = RE2JS.compile(`^(?:${pattern})$`);
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    return { problem: `is not a valid regular expression (RE2 syntax: no lookaround or backreferences): ${reason(error, pattern)}` };
  }
  const size = program.programSize();
  if (size > MAX_PATTERN_PROGRAM_SIZE) return tooComplex(size);
  return { matches: (value) => program.matches(value) };
}

function tooComplex(size: number): CompiledPattern {
  return {
    problem:
      `is too complex: it expands to about ${size} steps, at most ${MAX_PATTERN_PROGRAM_SIZE} are allowed ` +
      `(a {m,n} repeat counts its part n times and a Unicode class ${UNICODE_CLASS_WEIGHT} times; prefer + or * with max_length)`,
  };
}

/**
 * An estimate of the compiled size, read from the text alone: characters and classes count 1
 * (Unicode classes more), a group the sum of its parts, a `{m,n}` repeat about n copies. Hand-written because RE2's own parser is not exposed and allows programs of a
 * million steps; it only needs to bound, not to parse exactly, so anything it does not
 * recognise counts as one character and RE2 still judges the syntax afterwards.
 */
export function expandedSize(pattern: string): number {
  let pos = 0;
  /** Matches `regex` (sticky) at the current position; advances past it when it matches. */
  const take = (regex: RegExp): RegExpExecArray | null => {
    regex.lastIndex = pos;
    const found = regex.exec(pattern);
    if (found) pos += found[0].length;
    return found;
  };

  const sequence = (): number => {
    let total = 0;
    let branch = 0;
    while (pos < pattern.length && pattern[pos] !== ')') {
      if (pattern[pos] === '|') {
        pos += 1;
        total += branch + 1;
        branch = 0;
        continue;
      }
      branch += repeated(atom());
    }
    return total + branch;
  };

  const atom = (): number => {
    const char = pattern[pos];
    if (char === '\\') return escape();
    if (char === '[') return bracket();
    if (char === '(') {
      if (take(FLAGS_ONLY)) return 0;
      const capturing = !take(NON_CAPTURING_OPEN);
      if (capturing) pos += 1;
      const inner = sequence();
      pos += 1; // the closing parenthesis, or the end of an unbalanced pattern RE2 will refuse
      return capturing ? inner + 2 : inner;
    }
    pos += 1;
    return 1;
  };

  const escape = (): number => {
    if (take(UNICODE_ESCAPE)) return UNICODE_CLASS_WEIGHT;
    if (!take(BRACED_ESCAPE)) pos += 2;
    return 1;
  };

  const bracket = (): number => {
    const start = pos;
    pos += 1;
    if (pattern[pos] === '^') pos += 1;
    if (pattern[pos] === ']') pos += 1; // a leading ] is a literal
    while (pos < pattern.length && pattern[pos] !== ']') {
      if (pattern[pos] === '\\') pos += 1;
      else if (pattern.startsWith('[:', pos)) pos = Math.max(pos, pattern.indexOf(':]', pos + 2) + 1);
      pos += 1;
    }
    pos += 1;
    return /\\[pP]/.test(pattern.slice(start, pos)) ? UNICODE_CLASS_WEIGHT : 1;
  };

  /** The size of `size` under the repeats that follow it, as RE2 expands them. */
  const repeated = (size: number): number => {
    for (;;) {
      if (take(SIMPLE_REPEAT)) {
        size += 1;
        continue;
      }
      const counted = take(COUNTED_REPEAT);
      if (!counted) return size;
      const least = Number(counted[1]);
      // x{n,m} is n copies of x then m - n optional ones; x{n,} is n copies then x*.
      const optional = counted[2] === undefined ? 0 : counted[3] === '' ? 1 : Math.max(0, Number(counted[3]) - least);
      size = least * size + optional * (size + 1);
    }
  };

  let total = 0;
  while (pos < pattern.length) {
    total += sequence();
    if (pattern[pos] === ')') pos += 1; // an unbalanced ) that RE2 will refuse: keep counting
  }
  return total;
}

/** RE2's own words, quoting the tenant's pattern rather than the anchors we wrapped around it. */
function reason(error: RE2JSException, pattern: string): string {
  return error.message.replace(/^error parsing regexp: /, '').replace(`^(?:${pattern})$`, pattern);
}
