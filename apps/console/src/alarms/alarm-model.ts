import type { AlarmEventData, Domain, PlatformEvent, RiskLevel } from '#contracts';
import { compareLevels, TERMINAL_STATES, type AlarmState } from '#domain';

/** One alarm as the queue shows it. */
export interface AlarmItem {
  id: string;
  assetId: string;
  ownerUnitId: string;
  domain: Domain;
  level: RiskLevel;
  state: AlarmState;
  deviceId: string | null;
  metric: string | null;
  value: number | null;
  threshold: number | null;
  /** Epoch ms the alarm was raised. */
  raisedAt: number;
  /** Number of the alarm's last event that this item reflects (per-alarm, CONTRACT.md §2). */
  sequence: number;
  acknowledged: { by: string; at: number } | null;
  shelved: boolean;
  /** Epoch ms of the earliest unmet SLA deadline (DOMAIN.md §c.1); null when none is pending. */
  overdueAt: number | null;
}

export type AlarmMap = ReadonlyMap<string, AlarmItem>;

/** An alarm.* event as streamed: the contract's data plus the flags the console shows. */
export type AlarmEvent = PlatformEvent<AlarmEventData & { shelved?: boolean; suppressed?: boolean }>;

export interface ApplyResult {
  alarms: AlarmMap;
  /** The event was new for this alarm (not already reflected). */
  changed: boolean;
  /** Events of this alarm were missed (or it is unknown): fetch it again for the fields events lack. */
  stale: boolean;
}

export function isOpen(state: AlarmState): boolean {
  return !TERMINAL_STATES.includes(state);
}

/**
 * Applies one alarm.* event. Events carry a per-alarm `sequence`, so applying is idempotent and order-safe:
 * an event the item already reflects (from the REST snapshot or a replay after reconnect) changes nothing.
 * Closed and dismissed alarms leave the queue.
 */
export function applyAlarmEvent(alarms: AlarmMap, event: AlarmEvent): ApplyResult {
  const data = event.data;
  const current = alarms.get(data.alarmId);
  if (current && data.sequence <= current.sequence) return { alarms, changed: false, stale: false };
  const next = new Map(alarms);
  const state = data.state as AlarmState;
  if (!isOpen(state)) {
    next.delete(data.alarmId);
    return { alarms: next, changed: true, stale: false };
  }
  const at = Date.parse(data.occurredAt);
  const base = current ?? fromEvent(data, at);
  next.set(data.alarmId, {
    ...base,
    level: data.level,
    state,
    metric: data.metric ?? base.metric,
    value: data.value ?? base.value,
    threshold: data.threshold ?? base.threshold,
    sequence: data.sequence,
    shelved: data.shelved ?? base.shelved,
    acknowledged: event.type === 'alarm.acknowledged' ? { by: data.actor ?? '', at } : base.acknowledged,
  });
  const stale = current ? data.sequence > current.sequence + 1 : data.sequence > 1;
  return { alarms: next, changed: true, stale };
}

function fromEvent(data: AlarmEvent['data'], at: number): AlarmItem {
  return {
    id: data.alarmId,
    assetId: data.assetId,
    ownerUnitId: data.ownerUnitId,
    domain: data.domain,
    level: data.level,
    state: data.state as AlarmState,
    deviceId: data.deviceId ?? null,
    metric: data.metric ?? null,
    value: data.value ?? null,
    threshold: data.threshold ?? null,
    raisedAt: at,
    sequence: 0,
    acknowledged: null,
    shelved: false,
    overdueAt: null,
  };
}

/** Merges a fresher item (from the API) unless the queue already reflects a later event. */
export function upsertAlarm(alarms: AlarmMap, item: AlarmItem): AlarmMap {
  const current = alarms.get(item.id);
  if (current && current.sequence > item.sequence) return alarms;
  const next = new Map(alarms);
  if (isOpen(item.state)) next.set(item.id, item);
  else next.delete(item.id);
  return next;
}

/**
 * Queue order: level (red first), then shelved last within a level, then age (the longest-waiting first,
 * closest to its SLA deadline), then id for a stable order.
 */
export function sortQueue(alarms: Iterable<AlarmItem>): AlarmItem[] {
  return [...alarms].sort(
    (a, b) =>
      compareLevels(b.level, a.level) ||
      Number(a.shelved) - Number(b.shelved) ||
      a.raisedAt - b.raisedAt ||
      a.id.localeCompare(b.id),
  );
}

/** True when a new alarm needs the audible cue: a major alarm newly raised or escalated to major. */
export function needsCue(event: AlarmEvent, before: AlarmItem | undefined): boolean {
  if (event.data.level !== 'major' || event.data.suppressed === true) return false;
  if (event.type === 'alarm.raised') return before === undefined;
  return event.type === 'alarm.escalated' && before !== undefined && before.level !== 'major';
}
