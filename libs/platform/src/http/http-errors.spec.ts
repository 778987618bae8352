import { AppError, ErrorCode } from '@phoenix/contracts';
import { toHttpError } from './http-errors';

describe('toHttpError', () => {
  const first = new AppError(ErrorCode.InsufficientBalance, 'Not enough gold_coins');

  it('answers a first-time error without was_cached', () => {
    expect(toHttpError(first).body).toEqual({ statusCode: 402, error: 'Payment Required', code: 'INSUFFICIENT_BALANCE', message: 'Not enough gold_coins' });
  });

  it('answers a replayed error with the same status and body plus was_cached, also after the RPC hop', () => {
    const replayed = AppError.fromPayload({ ...first.toPayload(), was_cached: true });
    // What the catalog's RPC filter sends and the gateway's client reads back.
    const relayed = AppError.fromPayload(replayed.toPayload());
    expect(relayed.wasCached).toBe(true);
    expect(toHttpError(relayed).body).toEqual({ ...toHttpError(first).body, was_cached: true });
  });
});
