/**
 * The few primitives the helpers need, on Web Crypto (`globalThis.crypto.subtle`): the same code
 * runs on Node 20+, Deno, Bun, edge workers and in browsers, with no dependency.
 */

const encoder = new TextEncoder();

export type BytesLike = string | Uint8Array;

function bytesOf(value: BytesLike): Uint8Array<ArrayBuffer> {
  if (typeof value === 'string') return encoder.encode(value) as Uint8Array<ArrayBuffer>;
  return new Uint8Array(value);
}

/** HMAC-SHA256 of `data` under `key` (a string is taken as its UTF-8 bytes). */
export async function hmacSha256(key: BytesLike, data: BytesLike): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('@phoenix/sdk needs Web Crypto (globalThis.crypto.subtle): Node 20 or later, or a modern browser');
  const cryptoKey = await subtle.importKey('raw', bytesOf(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', cryptoKey, bytesOf(data)));
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Standard base64 or base64url, padded or not; undefined when the text is neither. */
export function fromBase64(text: string): Uint8Array | undefined {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return undefined;
  const unpadded = standard.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  try {
    const binary = atob(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Compares in time that depends on the length only, so a forger learns nothing from timing. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
