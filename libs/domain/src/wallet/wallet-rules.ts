import { AppError, ErrorCode } from '@phoenix/contracts';

export type WalletEntryType = 'credit' | 'debit';

/** The signed change a ledger entry makes to its balance. */
export function signedAmount(type: WalletEntryType, amount: number): number {
  return type === 'credit' ? amount : -amount;
}

/** Balances are bigint in Postgres; in JS they must stay exact. */
export function assertSafeBalance(balance: number): number {
  if (!Number.isSafeInteger(balance)) throw AppError.validation('Resulting balance is out of range');
  return balance;
}

export function insufficientBalance(current: number, required: number): AppError {
  return new AppError(
    ErrorCode.InsufficientBalance,
    `Insufficient balance: ${required} required, ${current} available`,
  );
}
