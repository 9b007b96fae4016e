import type { Domain } from '#contracts';
import { DAY_MS, localMidnight, localWeekday, parseLocalTime, parseUtcOffset } from './local-time.js';

/**
 * Maintenance windows (PEERS.md §5.C item 15): alarms in a window are evaluated and recorded but not
 * notified; when the window ends, resolution notices still go out and activation notices go out for
 * alarms still open ("suppressed ≠ invisible", Alertmanager #226). Recurrence is deliberately small:
 * daily, or weekly on given weekdays, at a local start time for a duration, on a fixed UTC offset
 * (`+08:00`; China has no DST, so this equals Asia/Shanghai). Weekdays are those of the occurrence's
 * start: a Friday 22:00 window of 4 h also covers Saturday 01:00.
 */

export type MaintenanceScope =
  | { kind: 'assets'; assetIds: readonly string[]; includeDescendants: boolean }
  | { kind: 'domains'; domains: readonly Domain[] }
  | { kind: 'districts'; districts: readonly string[] };

export type MaintenanceSchedule =
  | { kind: 'once'; startsAt: number; endsAt: number }
  | {
      kind: 'daily' | 'weekly';
      /** weekly: local weekdays of the start, 0 = Sunday … 6 = Saturday. */
      weekdays?: readonly number[];
      /** Local `HH:MM`. */
      startTime: string;
      durationMin: number;
      /** Fixed offset `+HH:MM` / `-HH:MM`. */
      utcOffset: string;
      validFrom: number;
      validUntil?: number;
    };

export interface MaintenanceWindow {
  id: string;
  scope: MaintenanceScope;
  schedule: MaintenanceSchedule;
}

/** Where an alarm sits: its asset, the asset's ancestors, domain and district. */
export interface AlarmScope {
  assetId: string;
  ancestorIds: readonly string[];
  domain: Domain;
  district: string;
}

/** Longest occurrence of a recurring window. */
export const MAX_RECURRING_DURATION_MIN = 7 * 24 * 60;

/** Every problem with a window definition (empty when valid). */
export function validateWindow(window: MaintenanceWindow): string[] {
  const s = window.schedule;
  if (s.kind === 'once') return s.endsAt > s.startsAt ? [] : [`${window.id}: endsAt must be after startsAt`];
  const errors: string[] = [];
  if (parseUtcOffset(s.utcOffset) === null) errors.push(`${window.id}: utcOffset must look like +08:00`);
  if (parseLocalTime(s.startTime) === null) errors.push(`${window.id}: startTime must be HH:MM`);
  if (!(s.durationMin > 0 && s.durationMin <= MAX_RECURRING_DURATION_MIN))
    errors.push(`${window.id}: durationMin must be 1..${MAX_RECURRING_DURATION_MIN}`);
  if (
    s.kind === 'weekly' &&
    (!s.weekdays || s.weekdays.length === 0 || s.weekdays.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
  ) {
    errors.push(`${window.id}: weekly windows need weekdays 0..6`);
  }
  if (s.validUntil !== undefined && s.validUntil <= s.validFrom)
    errors.push(`${window.id}: validUntil must be after validFrom`);
  return errors;
}

/** The occurrence of the window in force at `now` ({ start, end }, end exclusive), or null. */
export function activeOccurrence(
  window: MaintenanceWindow,
  now: number,
): { start: number; end: number } | null {
  const s = window.schedule;
  if (s.kind === 'once')
    return s.startsAt <= now && now < s.endsAt ? { start: s.startsAt, end: s.endsAt } : null;
  const offset = parseUtcOffset(s.utcOffset);
  const startMin = parseLocalTime(s.startTime);
  if (offset === null || startMin === null || validateWindow(window).length > 0) return null;
  const duration = s.durationMin * 60_000;
  // An occurrence that started on one of the previous days may still run (e.g. 22:00 + 4 h).
  for (let back = 0; back <= Math.ceil(duration / DAY_MS); back++) {
    const start = localMidnight(now, offset) - back * DAY_MS + startMin * 60_000;
    if (s.kind === 'weekly' && !(s.weekdays ?? []).includes(localWeekday(start, offset))) continue;
    if (start < s.validFrom || (s.validUntil !== undefined && start >= s.validUntil)) continue;
    if (start <= now && now < start + duration) return { start, end: start + duration };
  }
  return null;
}

/** End of the window's occurrence in force at `now`, or null when it is not in force. */
export function windowEndsAt(window: MaintenanceWindow, now: number): number | null {
  return activeOccurrence(window, now)?.end ?? null;
}

/** True when the window's scope covers the alarm. */
export function coversScope(scope: MaintenanceScope, alarm: AlarmScope): boolean {
  switch (scope.kind) {
    case 'assets':
      return (
        scope.assetIds.includes(alarm.assetId) ||
        (scope.includeDescendants && alarm.ancestorIds.some((id) => scope.assetIds.includes(id)))
      );
    case 'domains':
      return scope.domains.includes(alarm.domain);
    case 'districts':
      return scope.districts.includes(alarm.district);
  }
}

/** Windows in force at `now` that cover the alarm. */
export function suppressingWindows(
  alarm: AlarmScope,
  windows: readonly MaintenanceWindow[],
  now: number,
): MaintenanceWindow[] {
  return windows.filter((w) => coversScope(w.scope, alarm) && activeOccurrence(w, now) !== null);
}

/** True when notifications for the alarm are suppressed at `now`. */
export function isSuppressed(alarm: AlarmScope, windows: readonly MaintenanceWindow[], now: number): boolean {
  return suppressingWindows(alarm, windows, now).length > 0;
}

/** When suppression of the alarm ends, following back-to-back or overlapping windows; null when not suppressed. */
export function suppressedUntil(
  alarm: AlarmScope,
  windows: readonly MaintenanceWindow[],
  now: number,
): number | null {
  let at = now;
  for (let i = 0; i < 100; i++) {
    const ends = suppressingWindows(alarm, windows, at).map((w) => windowEndsAt(w, at) ?? at);
    if (ends.length === 0) return at === now ? null : at;
    at = Math.max(...ends);
  }
  return at;
}

/** A notification held back by a window. */
export interface HeldNotice {
  id: string;
  alarmId: string;
  /** Event type, e.g. `alarm.raised`, `alarm.resolved`. */
  eventType: string;
  /** Whether the alarm is still open now (caller's view). */
  alarmOpen: boolean;
  scope: AlarmScope;
}

/** Event types that report an end: delivered after a window even when their alarm is gone. */
export const RESOLUTION_EVENT_TYPES: readonly string[] = [
  'alarm.resolved',
  'alarm.closed',
  'alarm.dismissed',
  'alarm.cleared',
];

/** Which held notices to send now: resolutions always, activations if the alarm is still open; the rest is dropped; still-suppressed ones wait. */
export function releaseNotices(
  notices: readonly HeldNotice[],
  windows: readonly MaintenanceWindow[],
  now: number,
): { release: HeldNotice[]; discard: HeldNotice[]; hold: HeldNotice[] } {
  const out = { release: [] as HeldNotice[], discard: [] as HeldNotice[], hold: [] as HeldNotice[] };
  for (const notice of notices) {
    if (isSuppressed(notice.scope, windows, now)) out.hold.push(notice);
    else if (RESOLUTION_EVENT_TYPES.includes(notice.eventType) || notice.alarmOpen) out.release.push(notice);
    else out.discard.push(notice);
  }
  return out;
}
