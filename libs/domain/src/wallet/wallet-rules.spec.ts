import { ErrorCode } from '@phoenix/contracts';
import { assertSafeBalance, insufficientBalance, signedAmount } from './wallet-rules';

describe('wallet rules', () => {
  it('signs credits positive and debits negative', () => {
    expect(signedAmount('credit', 7)).toBe(7);
    expect(signedAmount('debit', 7)).toBe(-7);
  });

  it('reports an insufficient balance with the 402 code and both figures', () => {
    const error = insufficientBalance(9, 10);
    expect(error.code).toBe(ErrorCode.InsufficientBalance);
    expect(error.message).toContain('10 required, 9 available');
  });

  it('refuses a balance outside the safe integer range', () => {
    expect(assertSafeBalance(42)).toBe(42);
    expect(() => assertSafeBalance(Number.MAX_SAFE_INTEGER + 2)).toThrow(expect.objectContaining({ code: ErrorCode.Validation }));
  });
});
