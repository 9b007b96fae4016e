/**
 * Dependency-free local time on a fixed UTC offset (`+08:00`). China has no daylight saving time, so a
 * fixed offset equals the IANA zone Asia/Shanghai exactly; a zone with DST needs one window or batch
 * definition per offset period. Every function takes epoch ms and returns epoch ms.
 */

export const DAY_MS = 86_400_000;
const OFFSET_PATTERN = /^([+-])(\d{2}):(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** Minutes east of UTC for `+HH:MM` / `-HH:MM`, or null when malformed (|offset| ≤ 14 h). */
export function parseUtcOffset(text: string): number | null {
  const match = OFFSET_PATTERN.exec(text);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (Number(match[3]) > 59 || minutes > 14 * 60) return null;
  return match[1] === '-' ? -minutes : minutes;
}

/** Minutes after local midnight for `HH:MM`, or null when malformed. */
export function parseLocalTime(text: string): number | null {
  const match = TIME_PATTERN.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours > 23 || minutes > 59 ? null : hours * 60 + minutes;
}

/** Epoch ms of local midnight of the local day containing `at`. */
export function localMidnight(at: number, offsetMinutes: number): number {
  const shift = offsetMinutes * 60_000;
  return Math.floor((at + shift) / DAY_MS) * DAY_MS - shift;
}

/** Local weekday of `at`: 0 = Sunday … 6 = Saturday. */
export function localWeekday(at: number, offsetMinutes: number): number {
  return new Date(at + offsetMinutes * 60_000).getUTCDay();
}
