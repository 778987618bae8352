/**
 * ClickHouse error types that blame the inserted rows themselves: the same rows fail the same
 * way every time, so retrying cannot help. Anything else (connection refused, timeout, memory,
 * too many parts, a read-only replica...) may pass on a later attempt.
 */
const DATA_ERRORS = new Set([
  'CANNOT_PARSE_TEXT',
  'CANNOT_PARSE_ESCAPE_SEQUENCE',
  'CANNOT_PARSE_QUOTED_STRING',
  'CANNOT_PARSE_INPUT_ASSERTION_FAILED',
  'CANNOT_PARSE_DATE',
  'CANNOT_PARSE_DATETIME',
  'CANNOT_PARSE_NUMBER',
  'CANNOT_PARSE_UUID',
  'CANNOT_PARSE_BOOL',
  'CANNOT_CONVERT_TYPE',
  'TYPE_MISMATCH',
  'INCORRECT_DATA',
  'ARGUMENT_OUT_OF_BOUND',
  'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE',
  'DECIMAL_OVERFLOW',
  'TOO_LARGE_STRING_SIZE',
  'CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN',
  'UNKNOWN_ELEMENT_OF_ENUM',
  'VIOLATED_CONSTRAINT',
]);

/**
 * True when ClickHouse refused an insert because of what the rows contain. Typed by shape, not
 * by class: chDB raises the client's `ClickHouseError` from its own copy of the client library.
 */
export function isRejectedData(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && DATA_ERRORS.has(type);
}
