import type { Domain, RiskLevel } from './domains.js';

/**
 * Platform events (CONTRACT.md §2): the same envelope goes to the console over SSE and to utilities as
 * Standard Webhooks deliveries. Names are defined once here.
 */
export const EVENT_TYPES = [
  'alarm.raised',
  'alarm.escalated',
  'alarm.deescalated',
  'alarm.acknowledged',
  'alarm.verified',
  'alarm.dismissed',
  'alarm.dispatched',
  'alarm.accepted',
  'alarm.on_site',
  'alarm.resolved',
  'alarm.closed',
  'alarm.reopened',
  'alarm.shelved',
  'alarm.unshelved',
  'alarm.cleared',
  'alarm.out_of_service',
  'alarm.returned_to_service',
  'risk.level_changed',
  'device.offline',
  'device.online',
  'incident.opened',
  'incident.updated',
  'maintenance.started',
  'maintenance.ended',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** The body of a webhook delivery and the `data:` of an SSE message. */
export interface PlatformEvent<T extends object = Record<string, unknown>> {
  type: EventType;
  /** RFC 3339 time of the event. */
  timestamp: string;
  data: T;
}

/** `data` of alarm.* events (CONTRACT.md §2). */
export interface AlarmEventData {
  alarmId: string;
  /** Per-alarm counter: receivers order events of one alarm by it. */
  sequence: number;
  assetId: string;
  deviceId?: string;
  domain: Domain;
  level: RiskLevel;
  riskLevel: RiskLevel;
  state: string;
  metric?: string;
  value?: number;
  threshold?: number;
  ownerUnitId: string;
  occurredAt: string;
  actor?: string;
  reason?: string;
  links: { self: string };
}

/** `data` of risk.level_changed. */
export interface RiskEventData {
  assetId: string;
  domain: Domain;
  ownerUnitId: string;
  from: RiskLevel | null;
  to: RiskLevel;
  verified: boolean;
  score: number;
  reason: string;
  links: { self: string };
}

/** `data` of device.offline / device.online. */
export interface DeviceEventData {
  deviceId: string;
  assetId: string;
  domain: Domain;
  ownerUnitId: string;
  lastSeenAt: string | null;
  reason: string;
}
