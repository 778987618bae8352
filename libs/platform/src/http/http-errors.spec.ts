import { AppError, ErrorCode } from '@phoenix/contracts';
import { clientErrorBody, toHttpError } from './http-errors';

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

describe('clientErrorBody', () => {
  it('answers what the HTTP parser refused in the one error shape, with a code', () => {
    expect(clientErrorBody({ code: 'HPE_HEADER_OVERFLOW' })).toEqual({
      statusCode: 431,
      error: 'Request Header Fields Too Large',
      code: 'HEADERS_TOO_LARGE',
      message: 'Request headers are too large',
    });
    expect(clientErrorBody({ code: 'ERR_HTTP_REQUEST_TIMEOUT' })).toEqual(expect.objectContaining({ statusCode: 408, code: 'REQUEST_TIMEOUT' }));
    expect(clientErrorBody({ code: 'HPE_INVALID_METHOD' })).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'VALIDATION',
      message: 'Malformed HTTP request',
    });
  });
});
