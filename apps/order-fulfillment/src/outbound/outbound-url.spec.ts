import { ErrorCode } from '@phoenix/contracts';
import { assertOutboundUrl } from './outbound-url';

describe('assertOutboundUrl', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://10.1.2.3/x',
    'http://172.20.0.1/x',
    'http://192.168.1.1/x',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/x',
    'http://[fe80::1]/x',
    'http://[::ffff:127.0.0.1]/x',
    'http://0.0.0.0/x',
  ])('refuses %s', async (url) => {
    await expect(assertOutboundUrl(url, false)).rejects.toMatchObject({ code: ErrorCode.Validation });
  });

  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'gopher://x', 'http://user:pw@example.com/', 'not a url'])('refuses %s whatever the address', async (url) => {
    await expect(assertOutboundUrl(url, true)).rejects.toMatchObject({ code: ErrorCode.Validation });
  });

  it('accepts a public address, and private ones when allowed', async () => {
    await expect(assertOutboundUrl('https://93.184.216.34/hook', false)).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrl('http://127.0.0.1:9/hook', true)).resolves.toBeInstanceOf(URL);
  });
});
