/**
 * Compiles a tenant-supplied pattern the way field values are checked against it: the whole
 * value must match, whether or not the pattern carries its own ^ and $. Returns null rather
 * than throwing: a bad pattern is a problem to report, not a crash.
 */
export function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
