import {
  DEVICE_PUBLISH_KINDS,
  DEVICE_SUBSCRIBE_KINDS,
  deviceTopic,
  parseDeviceTopic,
  type Domain,
} from '#contracts';

/** Who is on the other end of a broker connection, once authenticated. */
export type BrokerPrincipal =
  | { kind: 'device'; deviceId: string; domain: Domain }
  /** The platform's own clients (an ingest subscriber, tools): not confined by the device ACL. */
  | { kind: 'internal'; username: string };

/**
 * CONTRACT.md §1: a device publishes only `lifeline/v1/{itsDomain}/{itsId}/{telemetry|status|event}`.
 * Returns why a publish is refused, or null when it is allowed. Wildcards never reach here (aedes refuses
 * them in PUBLISH, MQTT-3.3.2-2), and a `$`-topic cannot parse as a device topic.
 */
export function publishRefusal(principal: BrokerPrincipal, topic: string): string | null {
  if (principal.kind === 'internal') return null;
  const parsed = parseDeviceTopic(topic);
  if (!parsed) return `"${clip(topic)}" is not a device topic (lifeline/v1/{domain}/{deviceId}/{kind})`;
  if (parsed.deviceId !== principal.deviceId || parsed.domain !== principal.domain) {
    return `device ${principal.deviceId} may publish only under lifeline/v1/${principal.domain}/${principal.deviceId}/`;
  }
  if (!DEVICE_PUBLISH_KINDS.includes(parsed.kind)) {
    return `devices publish only ${DEVICE_PUBLISH_KINDS.join(', ')}; "${parsed.kind}" flows platform → device`;
  }
  return null;
}

/**
 * CONTRACT.md §1: a device subscribes only to its own `errors` and `config` topics, by their exact names
 * (a wildcard filter would also match topics of other kinds). Returns why, or null when allowed.
 */
export function subscribeRefusal(principal: BrokerPrincipal, filter: string): string | null {
  if (principal.kind === 'internal') return null;
  const own = DEVICE_SUBSCRIBE_KINDS.map((kind) => deviceTopic(principal.domain, principal.deviceId, kind));
  if (own.includes(filter)) return null;
  return `device ${principal.deviceId} may subscribe only to ${own.join(' and ')}`;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
