import { createHmac } from 'node:crypto';
import { HmacVerdict, ReplayGuard, SignedRequest, signRequest, verifyRequestSignature } from './hmac';

const SECRET = 'hmac_test-secret-0123456789abcdef';
const WINDOW = 300;
const NOW = 1_700_000_000;

function request(overrides: Partial<SignedRequest> = {}): SignedRequest {
  return {
    method: 'POST',
    pathWithQuery: '/v1/wallets/u1?currency=gold',
    rawBody: '{"amount":10}',
    timestamp: String(NOW),
    ...overrides,
  };
}

/** The documented scheme, computed without the library. */
function referenceSignature(secret: string, req: SignedRequest): string {
  const body = Buffer.isBuffer(req.rawBody) ? req.rawBody.toString('utf8') : req.rawBody;
  return createHmac('sha256', secret)
    .update(`${req.timestamp}.${req.method.toUpperCase()}.${req.pathWithQuery}.${body}`)
    .digest('hex');
}

function verify(req: SignedRequest, signature: string, now = NOW, secret = SECRET): HmacVerdict {
  return verifyRequestSignature(secret, req, signature, now, WINDOW);
}

function expectRejected(verdict: HmacVerdict, reason: RegExp): void {
  expect(verdict.ok).toBe(false);
  if (!verdict.ok) expect(verdict.reason).toMatch(reason);
}

describe('signRequest', () => {
  it('is the hex HMAC-SHA256 of "timestamp.METHOD.pathWithQuery.rawBody"', () => {
    const req = request();
    expect(signRequest(SECRET, req)).toMatch(/^[0-9a-f]{64}$/);
    expect(signRequest(SECRET, req)).toBe(referenceSignature(SECRET, req));
  });

  it('signs a Buffer body exactly like the same string body', () => {
    const req = request({ rawBody: Buffer.from('{"amount":10,"note":"héllo"}', 'utf8') });
    expect(signRequest(SECRET, req)).toBe(referenceSignature(SECRET, req));
    expect(signRequest(SECRET, req)).toBe(signRequest(SECRET, request({ rawBody: '{"amount":10,"note":"héllo"}' })));
  });

  it('signs an empty body', () => {
    const req = request({ method: 'GET', rawBody: '' });
    expect(signRequest(SECRET, req)).toBe(referenceSignature(SECRET, req));
  });

  it('uppercases the method', () => {
    expect(signRequest(SECRET, request({ method: 'post' }))).toBe(signRequest(SECRET, request({ method: 'POST' })));
    expect(signRequest(SECRET, request({ method: 'get' }))).toBe(referenceSignature(SECRET, request({ method: 'GET' })));
  });

  it('depends on every part of the request and on the secret', () => {
    const base = signRequest(SECRET, request());
    expect(signRequest(SECRET, request({ method: 'PUT' }))).not.toBe(base);
    expect(signRequest(SECRET, request({ pathWithQuery: '/v1/wallets/u2?currency=gold' }))).not.toBe(base);
    expect(signRequest(SECRET, request({ rawBody: '{"amount":11}' }))).not.toBe(base);
    expect(signRequest(SECRET, request({ timestamp: String(NOW + 1) }))).not.toBe(base);
    expect(signRequest(`${SECRET}x`, request())).not.toBe(base);
  });
});

describe('verifyRequestSignature', () => {
  const req = request();
  const signature = referenceSignature(SECRET, req);

  it('accepts a correctly signed request', () => {
    expect(verify(req, signature)).toEqual({ ok: true });
  });

  it('accepts the signature in uppercase hex', () => {
    expect(verify(req, signature.toUpperCase())).toEqual({ ok: true });
  });

  it('accepts a lowercase method signed as uppercase', () => {
    expect(verify(request({ method: 'post' }), signature)).toEqual({ ok: true });
  });

  it('refuses a signature made with another secret', () => {
    expectRejected(verify(req, referenceSignature('another-secret', req)), /Invalid request signature/);
  });

  it('refuses a tampered body', () => {
    expectRejected(verify(request({ rawBody: '{"amount":1000}' }), signature), /Invalid request signature/);
    expectRejected(verify(request({ rawBody: Buffer.from('{"amount":1000}') }), signature), /Invalid request signature/);
  });

  it('refuses a tampered path or query', () => {
    expectRejected(verify(request({ pathWithQuery: '/v1/wallets/u2?currency=gold' }), signature), /Invalid request signature/);
    expectRejected(verify(request({ pathWithQuery: '/v1/wallets/u1?currency=silver' }), signature), /Invalid request signature/);
    expectRejected(verify(request({ pathWithQuery: '/v1/wallets/u1' }), signature), /Invalid request signature/);
  });

  it('refuses another method', () => {
    expectRejected(verify(request({ method: 'DELETE' }), signature), /Invalid request signature/);
  });

  describe('timestamp window', () => {
    function signedAt(timestamp: number): [SignedRequest, string] {
      const r = request({ timestamp: String(timestamp) });
      return [r, referenceSignature(SECRET, r)];
    }

    it('accepts a timestamp exactly at either edge of the window', () => {
      expect(verify(...signedAt(NOW - WINDOW))).toEqual({ ok: true });
      expect(verify(...signedAt(NOW + WINDOW))).toEqual({ ok: true });
    });

    it('refuses a timestamp one second too old', () => {
      expectRejected(verify(...signedAt(NOW - WINDOW - 1)), /outside the ±300 s window/);
    });

    it('refuses a timestamp one second too far in the future', () => {
      expectRejected(verify(...signedAt(NOW + WINDOW + 1)), /outside the ±300 s window/);
    });

    it.each(['', 'abc', '1700000000.5', '-1700000000', ' 1700000000', '1e9', '1234567890123', '0x6553f100'])(
      'refuses the non-numeric or malformed timestamp %p',
      (timestamp) => {
        const r = request({ timestamp });
        const check = () => verify(r, referenceSignature(SECRET, r));
        expect(check).not.toThrow();
        expectRejected(check(), /must be unix seconds/);
      },
    );

    it('refuses a valid timestamp in milliseconds (out of window, never throws)', () => {
      const r = request({ timestamp: String(NOW * 1000) });
      expectRejected(verify(r, referenceSignature(SECRET, r)), /must be unix seconds|outside/);
    });
  });

  describe('malformed signatures', () => {
    it.each([
      ['empty', ''],
      ['non-hex characters', 'z'.repeat(64)],
      ['too short', signature.slice(0, 63)],
      ['too long', `${signature}0`],
      ['half length', signature.slice(0, 32)],
      ['base64 instead of hex', Buffer.from(signature, 'hex').toString('base64')],
      ['hex with a prefix', `sha256=${signature}`],
      ['hex with surrounding spaces', ` ${signature} `],
    ])('refuses a signature that is %s without throwing', (_label, bad) => {
      const check = () => verify(req, bad);
      expect(check).not.toThrow();
      expectRejected(check(), /must be 64 hex characters/);
    });
  });
});

describe('ReplayGuard', () => {
  it('accepts a signature the first time and refuses its replay', () => {
    const guard = new ReplayGuard(WINDOW);
    expect(guard.firstUse('sig-a', NOW)).toBe(true);
    expect(guard.firstUse('sig-a', NOW)).toBe(false);
    expect(guard.firstUse('sig-a', NOW + 1)).toBe(false);
  });

  it('tracks signatures independently', () => {
    const guard = new ReplayGuard(WINDOW);
    expect(guard.firstUse('sig-a', NOW)).toBe(true);
    expect(guard.firstUse('sig-b', NOW)).toBe(true);
    expect(guard.firstUse('sig-a', NOW)).toBe(false);
    expect(guard.firstUse('sig-b', NOW)).toBe(false);
  });

  it('remembers a signature for 2 × window seconds, then forgets it', () => {
    const guard = new ReplayGuard(WINDOW);
    expect(guard.firstUse('sig-a', NOW)).toBe(true);
    expect(guard.firstUse('sig-a', NOW + 2 * WINDOW - 1)).toBe(false);
    // the exact boundary second is pinned by the combined test at the end of this file
    expect(guard.firstUse('sig-a', NOW + 2 * WINDOW + 1)).toBe(true);
    // remembered again from its new first use
    expect(guard.firstUse('sig-a', NOW + 2 * WINDOW + 2)).toBe(false);
  });

  it('expires older entries while keeping newer ones', () => {
    const guard = new ReplayGuard(10);
    expect(guard.firstUse('old', 100)).toBe(true);
    expect(guard.firstUse('new', 115)).toBe(true);
    // at 120 "old" is still remembered (it expires at 100 + 2×10 + 1)
    expect(guard.firstUse('old', 120)).toBe(false);
    // at 121 "old" is gone, "new" (expires 136) is still remembered
    expect(guard.firstUse('old', 121)).toBe(true);
    expect(guard.firstUse('new', 121)).toBe(false);
  });

  it('evicts the oldest entry once maxEntries is reached', () => {
    const guard = new ReplayGuard(WINDOW, 3);
    expect(guard.firstUse('s1', NOW)).toBe(true);
    expect(guard.firstUse('s2', NOW)).toBe(true);
    expect(guard.firstUse('s3', NOW)).toBe(true);
    expect(guard.firstUse('s4', NOW)).toBe(true); // evicts s1
    expect(guard.firstUse('s2', NOW)).toBe(false);
    expect(guard.firstUse('s3', NOW)).toBe(false);
    expect(guard.firstUse('s4', NOW)).toBe(false);
    expect(guard.firstUse('s1', NOW)).toBe(true); // forgotten, so accepted again (and evicts s2)
    expect(guard.firstUse('s2', NOW)).toBe(true);
  });
});

describe('verifyRequestSignature + ReplayGuard', () => {
  /**
   * A request is valid while |now - timestamp| <= window, i.e. for 2 × window + 1 whole
   * seconds. The guard must remember its signature for that whole span, whenever the
   * request was first seen.
   */
  it('refuses a replay anywhere inside the validity window of the signed timestamp', () => {
    const timestamp = NOW;
    const req = request({ timestamp: String(timestamp) });
    const signature = referenceSignature(SECRET, req);
    const guard = new ReplayGuard(WINDOW);

    const firstSeen = timestamp - WINDOW; // earliest moment the request is accepted
    expect(verify(req, signature, firstSeen)).toEqual({ ok: true });
    expect(guard.firstUse(signature, firstSeen)).toBe(true);

    const replayAt = timestamp + WINDOW; // latest moment the request is still accepted
    expect(verify(req, signature, replayAt)).toEqual({ ok: true });
    expect(guard.firstUse(signature, replayAt)).toBe(false);
  });
});
