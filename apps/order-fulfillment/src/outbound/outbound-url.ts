import { AppError, ErrorCode } from '@phoenix/contracts';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const PRIVATE_V4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  PRIVATE_V4.addSubnet(net, prefix, 'ipv4');
}

const PRIVATE_V6 = new BlockList();
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
  ['64:ff9b:1::', 48], // local-use NAT64: translates into private networks
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo (its IPv4 address is obfuscated: not checkable)
  ['2001:2::', 48], // benchmarking
  ['2001:10::', 28], // ORCHID
  ['2001:20::', 28], // ORCHIDv2
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  PRIVATE_V6.addSubnet(net, prefix, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address (which `isIP` has accepted). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const front = parse(head);
  const back = parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const dottedQuad = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join('.');

/**
 * The IPv4 address an IPv6 address carries, for the forms that reach it: IPv4-mapped
 * `::ffff:a.b.c.d` and translated `::ffff:0:a.b.c.d` (the host connects over IPv4), NAT64
 * `64:ff9b::a.b.c.d` and 6to4 `2002:aabb:ccdd::/48` (a gateway forwards to it).
 */
function embeddedIpv4(groups: number[]): string | undefined {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const zeroUpTo4 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0;
  if (zeroUpTo4 && g4 === 0 && g5 === 0xffff) return dottedQuad(g6, g7);
  if (zeroUpTo4 && g4 === 0xffff && g5 === 0) return dottedQuad(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return dottedQuad(g6, g7);
  if (g0 === 0x2002) return dottedQuad(g1, g2);
  return undefined;
}

/** Whether an outgoing call may go to this IP address: public unicast only, through any IPv6 wrapping. */
export function isPublicAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return !PRIVATE_V4.check(address, 'ipv4');
  if (version !== 6) return false;
  const v4 = embeddedIpv4(ipv6Groups(address));
  if (v4) return !PRIVATE_V4.check(v4, 'ipv4');
  return !PRIVATE_V6.check(address, 'ipv6');
}

export interface VettedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * A URL that passed `assertOutboundUrl`, with the address its host resolved to at that moment
 * (null when private targets are allowed and nothing needed checking). Requests connect to
 * that address (see pinned-request), never to a fresh DNS answer.
 */
export class VettedUrl extends URL {
  constructor(
    url: URL,
    readonly pinned: VettedAddress | null,
  ) {
    super(url.href);
  }
}

/**
 * Refuses outgoing URLs that are not http(s), or whose host resolves to a loopback,
 * private, link-local or otherwise internal address (SSRF), unless `allowPrivate`.
 */
export async function assertOutboundUrl(raw: string, allowPrivate: boolean): Promise<VettedUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw AppError.validation(`Not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw AppError.validation('Outgoing URLs must be http or https');
  if (url.username || url.password) throw AppError.validation('Outgoing URLs may not carry credentials');
  if (allowPrivate) return new VettedUrl(url, null);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses: VettedAddress[] = isIP(host)
    ? [{ address: host, family: isIP(host) as 4 | 6 }]
    : (await resolveHost(host)).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
  const [first] = addresses;
  if (!first || addresses.some((a) => !isPublicAddress(a.address))) {
    throw AppError.validation(`Outgoing URL ${url.host} resolves to a private or internal address`);
  }
  return new VettedUrl(url, first);
}

/** A name that does not exist is bad input; any other DNS failure may pass, so it is retryable. */
async function resolveHost(host: string) {
  try {
    return await lookup(host, { all: true, verbatim: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTFOUND') throw AppError.validation(`Outgoing URL host ${host} does not exist`);
    throw new AppError(ErrorCode.Unavailable, `Outgoing URL host ${host} could not be resolved: ${(error as Error).message}`);
  }
}
