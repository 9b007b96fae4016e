import { isDomain, type Domain } from './domains.js';

/** MQTT topics of CONTRACT.md §1, defined once. */
export const TOPIC_ROOT = 'lifeline/v1';
export const DEVICE_TOPIC_KINDS = ['telemetry', 'status', 'event', 'errors', 'config'] as const;
export type DeviceTopicKind = (typeof DEVICE_TOPIC_KINDS)[number];

/** Kinds a device publishes; `errors` and `config` flow platform → device only. */
export const DEVICE_PUBLISH_KINDS: readonly DeviceTopicKind[] = ['telemetry', 'status', 'event'];
/** Kinds a device may subscribe to. */
export const DEVICE_SUBSCRIBE_KINDS: readonly DeviceTopicKind[] = ['errors', 'config'];

export function deviceTopic(domain: Domain, deviceId: string, kind: DeviceTopicKind): string {
  return `${TOPIC_ROOT}/${domain}/${deviceId}/${kind}`;
}

/** Wildcard subscription for one kind across every device (the ingest's view). */
export function allDevicesTopic(kind: DeviceTopicKind): string {
  return `${TOPIC_ROOT}/+/+/${kind}`;
}

export interface ParsedDeviceTopic {
  domain: Domain;
  deviceId: string;
  kind: DeviceTopicKind;
}

/** Parses `lifeline/v1/{domain}/{deviceId}/{kind}`; null for anything else (wildcards included). */
export function parseDeviceTopic(topic: string): ParsedDeviceTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || `${parts[0]}/${parts[1]}` !== TOPIC_ROOT) return null;
  const [, , domain, deviceId, kind] = parts;
  if (!isDomain(domain) || !deviceId || deviceId.includes('+') || deviceId.includes('#')) return null;
  if (!(DEVICE_TOPIC_KINDS as readonly string[]).includes(kind)) return null;
  return { domain, deviceId, kind: kind as DeviceTopicKind };
}
