import { checkTarget, parseWebhookUrl, type TargetPolicy, type WebhookUrl } from './target-policy.js';

const strict: TargetPolicy = { allowLoopback: false, allowPrivate: false, allowHttp: false };
const demo: TargetPolicy = { allowLoopback: true, allowPrivate: false, allowHttp: false };
const lan: TargetPolicy = { allowLoopback: false, allowPrivate: true, allowHttp: false };
const anyHttp: TargetPolicy = { allowLoopback: false, allowPrivate: false, allowHttp: true };

function url(text: string): WebhookUrl {
  const parsed = parseWebhookUrl(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe('parseWebhookUrl', () => {
  it.each([
    [
      'https://hooks.gas-co.example/lifeline',
      { href: 'https://hooks.gas-co.example/lifeline', hostname: 'hooks.gas-co.example', port: 443 },
    ],
    [
      'http://127.0.0.1:8080/hook?x=1#frag',
      { href: 'http://127.0.0.1:8080/hook?x=1', hostname: '127.0.0.1', port: 8080 },
    ],
    ['http://[::1]:9000/', { hostname: '::1', port: 9000 }],
    ['http://2130706433/', { hostname: '127.0.0.1', port: 80 }],
    ['http://0x7f.1/', { hostname: '127.0.0.1' }],
    [
      'https://user:p%40ss@hooks.example/x',
      { href: 'https://hooks.example/x', credentials: { username: 'user', password: 'p@ss' } },
    ],
  ])('%s', (text, expected) => {
    const parsed = parseWebhookUrl(text);
    expect(parsed).toMatchObject({ ok: true, value: expected });
  });

  it.each([
    ['ftp://hooks.example/', 'only http: and https: URLs are allowed'],
    ['file:///etc/passwd', 'only http: and https: URLs are allowed'],
    ['gopher://127.0.0.1:25/', 'only http: and https: URLs are allowed'],
    ['/relative', 'not an absolute URL'],
    ['https://', 'not an absolute URL'],
    [`https://a.example/${'x'.repeat(2100)}`, 'longer than 2048 characters'],
  ])('refuses %s', (text, reason) => expect(parseWebhookUrl(text)).toEqual({ ok: false, reason }));
});

const cases: Array<[name: string, target: string, addresses: string[], policy: TargetPolicy, ok: boolean]> = [
  ['https to a public address', 'https://hooks.example/', ['93.184.216.34'], strict, true],
  ['http to a public address is refused', 'http://hooks.example/', ['93.184.216.34'], strict, false],
  ['http to a public address with allowHttp', 'http://hooks.example/', ['93.184.216.34'], anyHttp, true],
  ['loopback refused by default', 'http://127.0.0.1:9000/', ['127.0.0.1'], strict, false],
  ['loopback allowed for the demo, http included', 'http://127.0.0.1:9000/', ['127.0.0.1'], demo, true],
  ['IPv6 loopback allowed for the demo', 'http://[::1]:9000/', ['::1'], demo, true],
  [
    'IPv4-mapped loopback refused by default',
    'http://[::ffff:127.0.0.1]/',
    ['::ffff:127.0.0.1'],
    strict,
    false,
  ],
  ['private refused by default', 'https://intranet.example/', ['10.0.0.5'], strict, false],
  [
    'private refused when only loopback is allowed',
    'https://intranet.example/',
    ['192.168.1.5'],
    demo,
    false,
  ],
  ['private allowed on a LAN', 'http://intranet.example/', ['192.168.1.5'], lan, true],
  [
    'metadata address is never allowed',
    'http://169.254.169.254/',
    ['169.254.169.254'],
    { allowLoopback: true, allowPrivate: true, allowHttp: true },
    false,
  ],
  [
    'multicast is never allowed',
    'http://m.example/',
    ['239.1.1.1'],
    { allowLoopback: true, allowPrivate: true, allowHttp: true },
    false,
  ],
  [
    '0.0.0.0 is never allowed',
    'http://0.0.0.0/',
    ['0.0.0.0'],
    { allowLoopback: true, allowPrivate: true, allowHttp: true },
    false,
  ],
  [
    'one internal address among public ones refuses the name',
    'https://mixed.example/',
    ['93.184.216.34', '10.0.0.1'],
    strict,
    false,
  ],
  ['a name that resolves to nothing', 'https://nowhere.example/', [], strict, false],
];

describe('checkTarget', () => {
  it.each(cases)('%s', (_name, target, addresses, policy, ok) => {
    expect(checkTarget(url(target), addresses, policy).ok).toBe(ok);
  });

  it('says why', () => {
    expect(checkTarget(url('http://localhost:9000/'), ['127.0.0.1'], strict)).toEqual({
      ok: false,
      reason: 'localhost resolves to 127.0.0.1, a loopback address',
    });
  });
});
