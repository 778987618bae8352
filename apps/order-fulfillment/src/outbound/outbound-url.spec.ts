import { ErrorCode } from '@phoenix/contracts';
import { assertOutboundUrl, isPublicAddress, VettedUrl } from './outbound-url';

describe('isPublicAddress', () => {
  it.each([
    ['0.0.0.0', 'this network'],
    ['10.1.2.3', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'cloud metadata'],
    ['172.20.0.1', 'private'],
    ['192.0.0.8', 'IETF assignments'],
    ['192.0.2.1', 'documentation'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::7f00:1', 'IPv4-compatible loopback'],
    ['::5db8:d822', 'IPv4-compatible, deprecated even when public'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback, dotted'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata'],
    ['::ffff:0:a00:1', 'IPv4-translated private'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b::10.0.0.1', 'NAT64 of a private address'],
    ['64:ff9b:1::5db8:d822', 'local-use NAT64'],
    ['2002:7f00:1::', '6to4 of loopback'],
    ['2002:c0a8:101::1', '6to4 of a private address'],
    ['2001:0:4136:e378::1', 'Teredo'],
    ['2001:db8::1', 'documentation'],
    ['100::1', 'discard-only'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['not-an-ip', 'not an address'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34', '64:ff9b::5db8:d822', '2002:5db8:d822::1', '2a00:1450:4001::200e'])(
    'accepts %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe('assertOutboundUrl', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://2130706433/hook', // 127.0.0.1 as one number
    'http://0x7f.1/hook',
    'http://10.1.2.3/x',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/x',
    'http://[::ffff:127.0.0.1]/x',
    'http://[64:ff9b::a9fe:a9fe]/x',
    'http://[2002:a9fe:a9fe::]/x',
    'http://[fd00::1]/x',
  ])('refuses %s', async (url) => {
    await expect(assertOutboundUrl(url, false)).rejects.toMatchObject({ code: ErrorCode.Validation, message: expect.stringContaining('private or internal address') });
  });

  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'gopher://x', 'http://user:pw@example.com/', 'not a url'])('refuses %s whatever the address', async (url) => {
    await expect(assertOutboundUrl(url, true)).rejects.toMatchObject({ code: ErrorCode.Validation });
  });

  it('pins a public address; with private targets allowed nothing is resolved', async () => {
    const pinned = await assertOutboundUrl('https://93.184.216.34/hook', false);
    expect(pinned).toBeInstanceOf(VettedUrl);
    expect(pinned.pinned).toEqual({ address: '93.184.216.34', family: 4 });
    expect((await assertOutboundUrl('http://[2606:2800:220:1:248:1893:25c8:1946]/x', false)).pinned).toEqual({ address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 });
    const allowed = await assertOutboundUrl('http://127.0.0.1:9/hook', true);
    expect(allowed.href).toBe('http://127.0.0.1:9/hook');
    expect(allowed.pinned).toBeNull();
  });
});
