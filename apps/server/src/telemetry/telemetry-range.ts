import { parseDuration } from '#influx';

const DAY_MS = 86_400_000;
/** Bucket widths offered when the caller gives none, smallest first. */
const LADDER = ['10s', '30s', '1m', '5m', '15m', '30m', '1h', '3h', '6h', '12h', '1d', '7d'] as const;
/** Aim for about this many buckets: a chart's width in points, a small answer. */
const TARGET_BUCKETS = 300;

export interface ResolvedRange {
  from: number;
  to: number;
  every: string;
}

/** Fills the defaults of a history query: the last 24 h and the smallest bucket giving ≤ ~300 points. */
export function resolveRange(q: { from?: string; to?: string; every?: string }, now: number): ResolvedRange {
  const to = q.to ? Date.parse(q.to) : now;
  const from = q.from ? Date.parse(q.from) : to - DAY_MS;
  const every = q.every ?? LADDER.find((e) => (to - from) / parseDuration(e) <= TARGET_BUCKETS) ?? '7d';
  return { from, to, every };
}
