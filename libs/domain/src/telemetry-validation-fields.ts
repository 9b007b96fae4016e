import type { RejectionCode } from '#contracts';

/**
 * Field-level checks shared by telemetry and device-event validation (CONTRACT.md §1). Each returns either
 * the parsed value or a rejection with a precise, device-readable message.
 */
export interface Rejection {
  code: RejectionCode;
  message: string;
  seq?: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

export interface TimeWindow {
  nowMs: number;
  /** How far back a measurement may lie: the InfluxDB retention (older points would be dropped anyway). */
  retentionMs: number;
  /** How far ahead of the platform clock a device clock may run (CONTRACT.md §1: 5 minutes). */
  futureToleranceMs: number;
}

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const no = <T>(code: RejectionCode, message: string, seq?: number): Checked<T> => ({
  ok: false,
  rejection: seq === undefined ? { code, message } : { code, message, seq },
});

/**
 * A short rendering of an arbitrary JSON value for messages. Shallow on purpose: stringifying a
 * device-supplied structure could be deep enough to overflow the stack.
 */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value !== 'string') return JSON.stringify(value) ?? typeof value;
  const text = JSON.stringify(value.length > 40 ? value.slice(0, 40) : value);
  return text.length > 40 ? `${text.slice(0, 37)}..."` : text;
}

/** `{ }` JSON object, not an array or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ISO-8601 calendar date and time with a mandatory zone designator: a zone-less time is local time on
// an unknown device, so it cannot be placed on the time line (ISO 8601-1:2019 §5.4.2).
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/** Parses an ISO-8601 date-time with zone into epoch ms, or NaN; rejects calendar overflow (Feb 30, 24:00). */
export function parseIsoTimestamp(text: string): number {
  const m = ISO_8601.exec(text);
  if (!m) return NaN;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] ? Number(m[6]) : 0;
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return NaN;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - zoneOffsetMs(m[8]);
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** `ts`: epoch milliseconds or ISO-8601, inside [now − retention, now + tolerance] (CONTRACT.md §1). */
export function checkTimestamp(raw: unknown, window: TimeWindow, seq?: number): Checked<number> {
  let ts = NaN;
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) ts = Math.floor(raw);
  else if (typeof raw === 'string') ts = parseIsoTimestamp(raw);
  if (!Number.isFinite(ts)) {
    return no(
      'invalid_timestamp',
      `ts must be epoch milliseconds or an ISO-8601 date-time with a time zone, got ${show(raw)}`,
      seq,
    );
  }
  const ahead = ts - window.nowMs;
  if (ahead > window.futureToleranceMs) {
    const msg = `ts ${iso(ts)} is ${Math.round(ahead / 1000)} s ahead of the platform clock; at most ${window.futureToleranceMs / 1000} s is tolerated`;
    return no('timestamp_in_future', msg, seq);
  }
  if (ts < window.nowMs - window.retentionMs) {
    const days = Math.round(window.retentionMs / 86_400_000);
    const msg = `ts ${iso(ts)} is older than the ${days}-day retention window (ts is epoch milliseconds, not seconds)`;
    return no('timestamp_too_old', msg, seq);
  }
  return ok(ts);
}

function iso(ts: number): string {
  // Years beyond ±275,760 make toISOString throw; such values were rejected as too old or in the future.
  return Math.abs(ts) <= 8.64e15 ? new Date(ts).toISOString() : String(ts);
}

/** `seq`: a non-negative safe integer, the per-device counter duplicates are detected by. */
export function checkSeq(raw: unknown): Checked<number> {
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return ok(raw);
  return no('invalid_seq', `seq must be a non-negative integer, got ${show(raw)}`);
}

export interface Range {
  min: number;
  max: number;
}

/** Formats a range with its unit: `0–100 %LEL`. */
export function showRange(range: Range, unit: string): string {
  return `${range.min}–${range.max} ${unit}`.trimEnd();
}

/** A finite JSON number; `label` names the field in the message (`metric "ch4_lel"`). */
export function checkFinite(raw: unknown, label: string, seq?: number): Checked<number> {
  if (typeof raw === 'number' && Number.isFinite(raw)) return ok(raw);
  return no('non_finite_value', `${label} value ${show(raw)} is not a finite number`, seq);
}

/** `value` inside `range`; `rangeName` says whose range it is ("the physical range", "the device range"). */
export function checkInRange(
  value: number,
  range: Range,
  unit: string,
  label: string,
  rangeName: string,
  seq?: number,
): Checked<number> {
  if (value >= range.min && value <= range.max) return ok(value);
  return no('out_of_range', `${label} value ${value} is outside ${rangeName} ${showRange(range, unit)}`, seq);
}
