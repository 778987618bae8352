import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { VettedAddress, VettedUrl } from './outbound-url';

/** More than any webhook receiver or fulfillment API needs to say; the rest is dropped. */
const MAX_RESPONSE_BYTES = 1 << 20;

export interface PinnedResponse {
  status: number;
  text: string;
}

/** Answers every name with the vetted address, whichever form of answer the socket asks for. */
function pinnedLookup({ address, family }: VettedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/**
 * POSTs to a vetted URL, connecting to the address that was checked instead of resolving the
 * name again, so a DNS answer that changes in between (rebinding) cannot turn the call
 * inwards. The URL's host name still goes into the Host header and, for https, into SNI and
 * the certificate check. No redirects are followed and no connection is reused.
 */
export function pinnedPost(url: VettedUrl, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<PinnedResponse> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        agent: false,
        signal,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(url.pinned ? { lookup: pinnedLookup(url.pinned) } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8').slice(0, MAX_RESPONSE_BYTES) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }); // also mid-body
    request.end(body);
  });
}
