import { ClickHouseError } from '@clickhouse/client';
import { isRejectedData } from './rejected-data';

describe('isRejectedData', () => {
  it('is true for errors that blame the rows', () => {
    expect(isRejectedData(new ClickHouseError({ message: 'Cannot read DateTime', code: '41', type: 'CANNOT_PARSE_DATETIME' }))).toBe(true);
    expect(isRejectedData(new ClickHouseError({ message: 'Constraint violated', code: '469', type: 'VIOLATED_CONSTRAINT' }))).toBe(true);
    // chDB's errors have the same shape from another copy of the class.
    expect(isRejectedData(Object.assign(new Error('Unsigned type must not contain -'), { code: '72', type: 'CANNOT_PARSE_NUMBER' }))).toBe(true);
  });

  it('is false for failures a retry may get past', () => {
    expect(isRejectedData(new ClickHouseError({ message: 'Too many parts', code: '252', type: 'TOO_MANY_PARTS' }))).toBe(false);
    expect(isRejectedData(new ClickHouseError({ message: 'Memory limit exceeded', code: '241', type: 'MEMORY_LIMIT_EXCEEDED' }))).toBe(false);
    expect(isRejectedData(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isRejectedData(new Error('Timeout error.'))).toBe(false);
    expect(isRejectedData(undefined)).toBe(false);
    expect(isRejectedData('CANNOT_PARSE_TEXT')).toBe(false);
  });
});
