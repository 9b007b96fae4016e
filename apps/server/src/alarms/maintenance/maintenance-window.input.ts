import { isDomain } from '#contracts';
import type { MaintenanceScope, MaintenanceSchedule } from '#domain';
import type { FieldError } from '../../errors/app.exception.js';

/**
 * The request shapes of a maintenance window turned into the domain's MaintenanceScope and
 * MaintenanceSchedule (maintenance.ts). Times are RFC 3339 strings (or epoch ms) on the wire and epoch ms
 * in the domain; recurring windows default to the +08:00 offset (China, no DST: DOMAIN.md's city).
 */

type Parsed<T> = { value: T; errors: [] } | { value: null; errors: FieldError[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (field: string, message: string): Parsed<never> => ({
  value: null,
  errors: [{ field, message }],
});
const ok = <T>(value: T): Parsed<T> => ({ value, errors: [] });

/** Epoch ms of an RFC 3339 string or a number; null when neither. */
function time(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

const strings = (v: unknown): v is string[] =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.length <= 1000 &&
  v.every((x) => typeof x === 'string' && x.length > 0);

export function parseScope(v: unknown): Parsed<MaintenanceScope> {
  if (!isObject(v)) return fail('scope', 'must be an object with a kind');
  switch (v.kind) {
    case 'assets':
      if (!strings(v.assetIds)) return fail('scope.assetIds', 'must list 1–1000 asset ids');
      return ok({ kind: 'assets', assetIds: v.assetIds, includeDescendants: v.includeDescendants !== false });
    case 'domains':
      if (!Array.isArray(v.domains) || v.domains.length === 0 || !v.domains.every(isDomain))
        return fail('scope.domains', 'must list domains (gas, heating, water, drainage, bridge, tunnel)');
      return ok({ kind: 'domains', domains: v.domains });
    case 'districts':
      if (!strings(v.districts)) return fail('scope.districts', 'must list 1–1000 districts');
      return ok({ kind: 'districts', districts: v.districts });
    default:
      return fail('scope.kind', 'must be assets, domains or districts');
  }
}

export function parseSchedule(v: unknown, now: number): Parsed<MaintenanceSchedule> {
  if (!isObject(v)) return fail('schedule', 'must be an object with a kind');
  if (v.kind === 'once') {
    const startsAt = time(v.startsAt);
    const endsAt = time(v.endsAt);
    if (startsAt === null) return fail('schedule.startsAt', 'must be an RFC 3339 time');
    if (endsAt === null) return fail('schedule.endsAt', 'must be an RFC 3339 time');
    return ok({ kind: 'once', startsAt, endsAt });
  }
  if (v.kind !== 'daily' && v.kind !== 'weekly')
    return fail('schedule.kind', 'must be once, daily or weekly');
  const validFrom = v.validFrom === undefined ? now : time(v.validFrom);
  const validUntil = v.validUntil === undefined ? undefined : time(v.validUntil);
  if (validFrom === null) return fail('schedule.validFrom', 'must be an RFC 3339 time');
  if (validUntil === null) return fail('schedule.validUntil', 'must be an RFC 3339 time');
  if (typeof v.startTime !== 'string') return fail('schedule.startTime', 'must be HH:MM');
  if (typeof v.durationMin !== 'number') return fail('schedule.durationMin', 'must be a number of minutes');
  const weekdays = Array.isArray(v.weekdays) ? (v.weekdays as number[]) : undefined;
  return ok({
    kind: v.kind,
    ...(weekdays ? { weekdays } : {}),
    startTime: v.startTime,
    durationMin: v.durationMin,
    utcOffset: typeof v.utcOffset === 'string' ? v.utcOffset : '+08:00',
    validFrom,
    ...(validUntil !== undefined ? { validUntil } : {}),
  });
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The schedule as the API shows it (RFC 3339 times). */
export function scheduleView(s: MaintenanceSchedule): Record<string, unknown> {
  if (s.kind === 'once') return { kind: 'once', startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) };
  return {
    ...s,
    validFrom: iso(s.validFrom),
    ...(s.validUntil !== undefined ? { validUntil: iso(s.validUntil) } : {}),
  };
}
