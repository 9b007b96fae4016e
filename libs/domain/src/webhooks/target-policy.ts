import { classifyAddress, type AddressClass } from './ip-address.js';

/**
 * Where the platform may send webhooks (PEERS.md §3: "Enforce HTTPS … Guard against SSRF"; CONTRACT.md
 * §2: "HTTPS (HTTP allowed for loopback/dev)"). The decision is taken on the addresses the host
 * resolves to, at registration and again at send time on the address actually connected to, so a DNS
 * answer that changes in between (rebinding) cannot steer a delivery into the internal network.
 */
export interface TargetPolicy {
  /** 127.0.0.0/8, ::1 — the local demo and the tests. */
  allowLoopback: boolean;
  /** RFC 1918, CGNAT, unique-local IPv6 — receivers on the utility's private network. */
  allowPrivate: boolean;
  /** Plain http to public addresses (http to an allowed loopback/private address is always fine). */
  allowHttp: boolean;
}

export interface WebhookUrl {
  /** The URL as stored and shown: no credentials, no fragment. */
  href: string;
  protocol: 'http:' | 'https:';
  /** Host name or IP literal, without IPv6 brackets. */
  hostname: string;
  port: number;
  /** `user:password` given in the URL; sent as HTTP Basic, stored encrypted, never shown back. */
  credentials: { username: string; password: string } | null;
}

export type Verdict<T = undefined> = { ok: true; value: T } | { ok: false; reason: string };

/** Longest URL accepted; receivers are configured by hand, a longer one is a mistake. */
export const MAX_URL_LENGTH = 2048;

/** Syntax checks: an absolute http(s) URL with a host. */
export function parseWebhookUrl(text: string): Verdict<WebhookUrl> {
  if (text.length > MAX_URL_LENGTH) return refuse(`longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return refuse('only http: and https: URLs are allowed');
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (hostname === '') return refuse('the URL has no host');
  const credentials =
    url.username || url.password
      ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
      : null;
  url.username = '';
  url.password = '';
  url.hash = '';
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return { ok: true, value: { href: url.href, protocol: url.protocol, hostname, port, credentials } };
}

/** Whether the policy lets the platform connect to an address of this class. */
export function isAddressAllowed(cls: AddressClass, policy: TargetPolicy): boolean {
  switch (cls) {
    case 'public':
      return true;
    case 'loopback':
      return policy.allowLoopback;
    case 'private':
      return policy.allowPrivate;
    case 'link_local':
    case 'multicast':
    case 'unspecified':
    case 'reserved':
    case 'invalid':
      return false;
  }
}

/**
 * Decides a resolved target: every address the host resolves to must be allowed (a name that resolves
 * to one public and one internal address is refused as a whole), and plain http needs a non-public
 * target or `allowHttp`.
 */
export function checkTarget(url: WebhookUrl, addresses: readonly string[], policy: TargetPolicy): Verdict {
  if (addresses.length === 0) return refuse(`${url.hostname} resolves to no address`);
  for (const address of addresses) {
    const cls = classifyAddress(address);
    if (!isAddressAllowed(cls, policy))
      return refuse(`${url.hostname} resolves to ${address}, a ${describe(cls)} address`);
  }
  const allPublic = addresses.every((a) => classifyAddress(a) === 'public');
  if (url.protocol === 'http:' && allPublic && !policy.allowHttp)
    return refuse('plain http is allowed only to loopback or private receivers; use https');
  return { ok: true, value: undefined };
}

function describe(cls: AddressClass): string {
  return cls === 'link_local' ? 'link-local' : cls === 'invalid' ? 'malformed' : cls;
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
