import { timingSafeEqual } from 'node:crypto';
import type { AedesOptions, AuthenticateError, Client, ConnectPacket, PublishPacket } from 'aedes';
import { publishRefusal, subscribeRefusal, type BrokerPrincipal } from './device-acl.js';
import type { AuthResult, BrokerRefusal, DeviceAuthenticator, RefusalReason } from './telemetry-source.js';

/** Where refused publishes go: a `$` topic, which no device may subscribe to and `#` never matches (MQTT-4.7.2-1). */
export const QUARANTINE_TOPIC = '$lifeline/refused';

/** CONNACK return codes of MQTT 3.1.1 §3.2.2.3 that authentication answers with. */
const CONNACK_SERVER_UNAVAILABLE = 3;
const CONNACK_BAD_USERNAME_OR_PASSWORD = 4;
const CONNACK_NOT_AUTHORIZED = 5;

/** What the hooks need from the broker that owns them. */
export interface HookContext {
  authenticator: DeviceAuthenticator;
  internal?: { username: string; password: string };
  principals: WeakMap<Client, BrokerPrincipal>;
  refuse(refusal: BrokerRefusal): void;
  /** Hands an authorised device publish to the ingest; calls `callback` when it is durable. */
  deliver(client: Client, packet: PublishPacket, callback: (err?: Error | null) => void): void;
}

type Hooks = Required<
  Pick<AedesOptions, 'preConnect' | 'authenticate' | 'authorizePublish' | 'authorizeSubscribe'>
>;

/** The aedes hooks implementing CONTRACT.md §1's device authentication and ACL. */
export function brokerHooks(ctx: HookContext): Hooks {
  return {
    preConnect: (_client, packet, callback) => {
      namespaceClientId(packet);
      callback(null, true);
    },
    authenticate: (client, username, password, callback) => {
      authenticate(ctx, client, username, password).then(
        (error) => (error ? callback(error, false) : callback(null, true)),
        () => callback(connackError(CONNACK_SERVER_UNAVAILABLE, 'authentication failed'), false),
      );
    },
    authorizePublish: (client, packet, callback) => {
      const principal = client ? ctx.principals.get(client) : undefined;
      // A Last Will left by a broker that died (client === null) cannot be tied to a device: drop it.
      if (!client || !principal) return callback(new Error('publish from an unauthenticated client'));
      const why = publishRefusal(principal, packet.topic);
      if (why === null)
        return principal.kind === 'device' ? ctx.deliver(client, packet, callback) : callback(null);
      ctx.refuse(refusal('publish_not_allowed', client, principal, packet.topic, why));
      // MQTT-3.3.5-2 lets a server acknowledge an unauthorised PUBLISH and discard it instead of closing the
      // connection: the device learns why on its errors topic rather than reconnecting in a loop.
      packet.topic = QUARANTINE_TOPIC;
      packet.retain = false;
      callback(null);
    },
    authorizeSubscribe: (client, subscription, callback) => {
      const principal = ctx.principals.get(client);
      const why = principal ? subscribeRefusal(principal, subscription.topic) : 'not authenticated';
      if (why === null) return callback(null, subscription);
      ctx.refuse(refusal('subscribe_not_allowed', client, principal, subscription.topic, why));
      // A null subscription is answered with SUBACK return code 0x80 (MQTT 3.1.1 §3.9.3), connection kept.
      callback(null, null);
    },
  };
}

/**
 * Prefixes the client id with the username, so one device cannot take over another's session by reusing
 * its client id (MQTT-3.1.4-2 disconnects the older connection with the same id). 3.1.1 never echoes the
 * id back, so devices do not notice. An empty id is left empty: aedes assigns one, and refuses it with a
 * persistent session as MQTT-3.1.3-8 requires.
 */
function namespaceClientId(packet: ConnectPacket): void {
  if (packet.clientId && packet.username) packet.clientId = `${packet.username}/${packet.clientId}`;
}

async function authenticate(
  ctx: HookContext,
  client: Client,
  username: string | undefined,
  password: Buffer | undefined,
): Promise<AuthenticateError | null> {
  const remote = remoteOf(client);
  if (!username || !password) {
    ctx.refuse({ reason: 'bad_credentials', remote, detail: 'CONNECT without username and password' });
    return connackError(
      CONNACK_BAD_USERNAME_OR_PASSWORD,
      'username (device id) and password (secret) are required',
    );
  }
  if (ctx.internal && username === ctx.internal.username) {
    if (!sameSecret(password, ctx.internal.password))
      return badCredentials(ctx, remote, `wrong password for internal user ${username}`);
    ctx.principals.set(client, { kind: 'internal', username });
    return null;
  }
  let result: AuthResult;
  try {
    result = await ctx.authenticator.authenticate(username, password.toString('utf8'));
  } catch (err) {
    ctx.refuse({ reason: 'auth_unavailable', remote, detail: `device directory failed: ${String(err)}` });
    return connackError(CONNACK_SERVER_UNAVAILABLE, 'device directory unavailable');
  }
  return deviceVerdict(ctx, client, username, result, remote);
}

/** Registers the device principal, or turns the directory's refusal into a CONNACK code. */
function deviceVerdict(
  ctx: HookContext,
  client: Client,
  username: string,
  result: AuthResult,
  remote?: string,
): AuthenticateError | null {
  if (result.ok) {
    ctx.principals.set(client, { kind: 'device', deviceId: result.deviceId, domain: result.domain });
    return null;
  }
  if (result.reason === 'bad_credentials')
    return badCredentials(ctx, remote, `unknown device or wrong secret for "${username.slice(0, 64)}"`);
  // The secret was right, so the device id is known for sure: recorded against the device.
  ctx.refuse({
    reason: 'device_disabled',
    deviceId: username,
    domain: result.domain,
    remote,
    detail: 'device is disabled',
  });
  return connackError(CONNACK_NOT_AUTHORIZED, 'device is disabled');
}

function badCredentials(ctx: HookContext, remote: string | undefined, detail: string): AuthenticateError {
  ctx.refuse({ reason: 'bad_credentials', remote, detail });
  return connackError(CONNACK_BAD_USERNAME_OR_PASSWORD, 'bad user name or password');
}

/** Compares secrets in constant time (a length mismatch is all a timing attack can learn). */
function sameSecret(given: Buffer, expected: string): boolean {
  const want = Buffer.from(expected, 'utf8');
  return given.length === want.length && timingSafeEqual(given, want);
}

function connackError(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode });
}

function refusal(
  reason: RefusalReason,
  client: Client,
  principal: BrokerPrincipal | undefined,
  topic: string,
  detail: string,
): BrokerRefusal {
  const device =
    principal?.kind === 'device' ? { deviceId: principal.deviceId, domain: principal.domain } : {};
  return { reason, ...device, topic, clientId: client.id, remote: remoteOf(client), detail };
}

export function remoteOf(client: Client): string | undefined {
  const conn = client.conn as { remoteAddress?: string };
  return conn.remoteAddress;
}
