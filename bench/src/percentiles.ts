/**
 * Latency percentiles for millions of samples without keeping them: a log-bucketed histogram whose
 * buckets are 1 % wide, so any percentile it reports is within 1 % of the true sample value (the
 * HdrHistogram idea, reduced to what the bench needs). Generators send sparse snapshots to the runner,
 * which merges them per measurement window.
 */

/** Smallest value told apart from zero (ms): 10 µs, below any loopback round trip. */
const MIN_MS = 0.01;
/** Largest value kept exactly (ms): 10 minutes; anything above lands in the last bucket. */
const MAX_MS = 600_000;
/** Relative bucket width. */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(MAX_MS / MIN_MS) / LOG_GROWTH) + 2;

/** Sparse form sent over IPC: `[bucketIndex, count]` pairs for the non-empty buckets, and the exact max. */
export interface SparseHistogram {
  max: number;
  buckets: Array<[number, number]>;
}

export class LatencyHistogram {
  private counts = new Float64Array(BUCKETS);
  private n = 0;
  private maxValue = 0;

  get count(): number {
    return this.n;
  }

  get max(): number {
    return this.maxValue;
  }

  record(ms: number): void {
    this.counts[bucketOf(ms)]++;
    this.n++;
    if (ms > this.maxValue) this.maxValue = ms;
  }

  /** Adds another histogram (or its sparse snapshot) into this one. */
  merge(other: LatencyHistogram | SparseHistogram): void {
    const snapshot = other instanceof LatencyHistogram ? other.sparse() : other;
    for (const [i, c] of snapshot.buckets) {
      this.counts[i] += c;
      this.n += c;
    }
    if (snapshot.max > this.maxValue) this.maxValue = snapshot.max;
  }

  sparse(): SparseHistogram {
    const buckets: Array<[number, number]> = [];
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i] > 0) buckets.push([i, this.counts[i]]);
    return { max: this.maxValue, buckets };
  }

  /** Returns the sparse snapshot and empties the histogram (per-interval reporting). */
  drain(): SparseHistogram {
    const out = this.sparse();
    this.counts = new Float64Array(BUCKETS);
    this.n = 0;
    this.maxValue = 0;
    return out;
  }

  /**
   * The value at percentile `p` (0–100): the upper edge of the bucket holding the ⌈p·n/100⌉-th smallest
   * sample (nearest-rank), capped at the largest value recorded. NaN when empty.
   */
  percentile(p: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.max(1, Math.ceil((clampPercent(p) / 100) * this.n));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(bucketUpper(i), this.maxValue);
    }
    return this.maxValue;
  }
}

function bucketOf(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  const i = Math.ceil(Math.log(ms / MIN_MS) / LOG_GROWTH);
  return Math.min(i, BUCKETS - 1);
}

/** Upper edge of bucket `i`: every value recorded in it is ≤ this and > the edge of bucket i−1. */
function bucketUpper(i: number): number {
  return MIN_MS * Math.pow(GROWTH, i);
}

function clampPercent(p: number): number {
  if (!Number.isFinite(p)) throw new RangeError(`percentile must be a number in [0, 100], got ${p}`);
  return Math.min(100, Math.max(0, p));
}

/** Nearest-rank percentile of a list (sorted or not; not modified). NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((clampPercent(p) / 100) * sorted.length));
  return sorted[rank - 1];
}
