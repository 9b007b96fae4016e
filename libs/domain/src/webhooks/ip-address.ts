/**
 * IP address classification for outbound webhooks (SSRF defence, PEERS.md §3 "Guard against SSRF").
 * Ranges are those of the IANA special-purpose registries (RFC 6890 and its updates) that a request
 * from the platform must not reach unless an operator allows it: loopback, private networks, link-local
 * (including the cloud metadata address 169.254.169.254), multicast, unspecified and reserved blocks.
 * IPv6 forms that embed an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by that IPv4 address.
 */

export type AddressClass =
  'public' | 'loopback' | 'private' | 'link_local' | 'multicast' | 'unspecified' | 'reserved' | 'invalid';

type Block = readonly [network: bigint, prefix: number, cls: AddressClass | 'embedded_v4'];

/** IPv4 special-purpose blocks (RFC 6890 §2.2.2, RFC 6598, RFC 5737, RFC 2544, RFC 5771, RFC 1112). */
const V4_BLOCKS: readonly Block[] = [
  [v4('0.0.0.0'), 8, 'unspecified'], // "this network": 0.0.0.0 reaches the local host on Linux
  [v4('10.0.0.0'), 8, 'private'],
  [v4('100.64.0.0'), 10, 'private'], // carrier-grade NAT shared space
  [v4('127.0.0.0'), 8, 'loopback'],
  [v4('169.254.0.0'), 16, 'link_local'],
  [v4('172.16.0.0'), 12, 'private'],
  [v4('192.0.0.0'), 24, 'reserved'],
  [v4('192.0.2.0'), 24, 'reserved'],
  [v4('192.88.99.0'), 24, 'reserved'],
  [v4('192.168.0.0'), 16, 'private'],
  [v4('198.18.0.0'), 15, 'reserved'],
  [v4('198.51.100.0'), 24, 'reserved'],
  [v4('203.0.113.0'), 24, 'reserved'],
  [v4('224.0.0.0'), 4, 'multicast'],
  [v4('240.0.0.0'), 4, 'reserved'], // includes the broadcast 255.255.255.255
];

/** IPv6 special-purpose blocks (RFC 6890 §2.2.3, RFC 4291, RFC 4193, RFC 6052, RFC 3056, RFC 9637). */
const V6_BLOCKS: readonly Block[] = [
  [0n, 128, 'unspecified'],
  [1n, 128, 'loopback'],
  [0xffffn << 32n, 96, 'embedded_v4'], // ::ffff:a.b.c.d IPv4-mapped
  [0xffffn << 48n, 96, 'embedded_v4'], // ::ffff:0:a.b.c.d IPv4-translated (RFC 2765)
  [0n, 96, 'reserved'], // ::a.b.c.d IPv4-compatible, deprecated
  [0x0064ff9bn << 96n, 96, 'embedded_v4'], // NAT64 well-known prefix
  [0x0064ff9b0001n << 80n, 48, 'reserved'], // NAT64 local use
  [0x0100n << 112n, 64, 'reserved'], // discard-only
  [0x20010000n << 96n, 32, 'reserved'], // Teredo
  [0x20010db8n << 96n, 32, 'reserved'], // documentation
  [0x20010010n << 96n, 28, 'reserved'], // ORCHID
  [0x20010020n << 96n, 28, 'reserved'], // ORCHIDv2
  [0x2002n << 112n, 16, 'embedded_v4'], // 6to4: 2002:aabb:ccdd::/48 carries a.b.c.d
  [0x3fffn << 112n, 20, 'reserved'], // documentation (RFC 9637)
  [0xfc00n << 112n, 7, 'private'], // unique local
  [0xfe80n << 112n, 10, 'link_local'],
  [0xfec0n << 112n, 10, 'private'], // site-local, deprecated
  [0xff00n << 112n, 8, 'multicast'],
];

/** What kind of address `text` is (a literal IPv4 or IPv6 address, optionally with an IPv6 zone). */
export function classifyAddress(text: string): AddressClass {
  const four = parseIpv4(text);
  if (four !== undefined) return lookup(four, 32, V4_BLOCKS) as AddressClass;
  const six = parseIpv6(text);
  if (six === undefined) return 'invalid';
  const cls = lookup(six, 128, V6_BLOCKS);
  if (cls !== 'embedded_v4') return cls;
  const embedded = six >> 112n === 0x2002n ? (six >> 80n) & 0xffffffffn : six & 0xffffffffn;
  return lookup(embedded, 32, V4_BLOCKS) as AddressClass;
}

function lookup(address: bigint, bits: number, blocks: readonly Block[]): AddressClass | 'embedded_v4' {
  for (const [network, prefix, cls] of blocks) {
    const shift = BigInt(bits - prefix);
    if (address >> shift === network >> shift) return cls;
  }
  return 'public';
}

/** Dotted-quad IPv4 as a number; leading zeros are refused (some resolvers read them as octal). */
export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

/** RFC 4291 §2.2 text forms (with `::`, an embedded dotted quad, an optional `%zone`) as a 128-bit number. */
export function parseIpv6(text: string): bigint | undefined {
  const address = text
    .replace(/^\[|\]$/g, '')
    .split('%')[0]
    .toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(address) || address.split('::').length > 2) return undefined;
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  if (left === undefined || right === undefined) return undefined;
  const missing = 8 - left.length - right.length;
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) return undefined;
  const all = [...left, ...Array<bigint>(tail === undefined ? 0 : missing).fill(0n), ...right];
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Colon-separated 16-bit groups; a final dotted quad counts as two groups. */
function groups(part: string): bigint[] | undefined {
  if (part === '') return [];
  const items = part.split(':');
  const out: bigint[] = [];
  for (const [i, item] of items.entries()) {
    if (item.includes('.')) {
      const four = i === items.length - 1 ? parseIpv4(item) : undefined;
      if (four === undefined) return undefined;
      out.push(four >> 16n, four & 0xffffn);
    } else if (/^[0-9a-f]{1,4}$/.test(item)) out.push(BigInt(`0x${item}`));
    else return undefined;
  }
  return out;
}

function v4(text: string): bigint {
  return parseIpv4(text) ?? 0n;
}
