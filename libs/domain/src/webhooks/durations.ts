/**
 * Durations as operators write them in configuration: `250ms`, `5s`, `5m`, `2h`, `1d`, or a bare `0`.
 * A bare non-zero number is refused rather than guessed (seconds? milliseconds?).
 */

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** Milliseconds of one duration, or undefined when `text` is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '0') return 0;
  const match = DURATION.exec(trimmed);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

/** A comma-separated list of durations (e.g. a retry schedule), or undefined if any item is not one. */
export function parseDurationList(text: string): number[] | undefined {
  const items = text.split(',').map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === '')) return undefined;
  const out: number[] = [];
  for (const item of items) {
    const ms = parseDuration(item);
    if (ms === undefined) return undefined;
    out.push(ms);
  }
  return out;
}

/** The inverse of parseDuration for display: the largest unit that divides `ms` exactly. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0';
  for (const unit of ['d', 'h', 'm', 's'] as const)
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${ms}ms`;
}
