import type { GeneratorTick } from './generator.js';
import { LatencyHistogram } from './percentiles.js';
import { millicores, millicoresPer1k, type ProcSample } from './proc-stats.js';

/** Latency summary of a window, ms. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

/** What the generator saw over a window [from, to] (epoch ms). */
export interface TrafficWindow {
  seconds: number;
  sent: number;
  acked: number;
  sentRate: number;
  ackedRate: number;
  outstandingStart: number;
  outstandingEnd: number;
  latency: LatencySummary;
  lagMaxMs: number;
  queuedBytesMax: number;
  disconnects: number;
  connected: number;
}

/**
 * Aggregates generator ticks (cumulative counters + per-interval histograms) over [from, to]: counters are
 * differenced between the last tick at or before `from` and the last tick at or before `to`; histograms
 * of the ticks in between are merged. Null when the window holds fewer than one interval.
 */
export function trafficWindow(
  ticks: readonly GeneratorTick[],
  from: number,
  to: number,
): TrafficWindow | null {
  const startIdx = lastAtOrBefore(ticks, from);
  const endIdx = lastAtOrBefore(ticks, to);
  if (startIdx < 0 || endIdx <= startIdx) return null;
  const a = ticks[startIdx];
  const b = ticks[endIdx];
  const hist = new LatencyHistogram();
  let lagMaxMs = 0;
  let queuedBytesMax = 0;
  for (let i = startIdx + 1; i <= endIdx; i++) {
    hist.merge(ticks[i].hist);
    lagMaxMs = Math.max(lagMaxMs, ticks[i].lagMaxMs);
    queuedBytesMax = Math.max(queuedBytesMax, ticks[i].queuedBytes);
  }
  const seconds = (b.t - a.t) / 1000;
  return {
    seconds,
    sent: b.sent - a.sent,
    acked: b.acked - a.acked,
    sentRate: (b.sent - a.sent) / seconds,
    ackedRate: (b.acked - a.acked) / seconds,
    outstandingStart: a.outstanding,
    outstandingEnd: b.outstanding,
    latency: summarize(hist),
    lagMaxMs,
    queuedBytesMax,
    disconnects: b.disconnects - a.disconnects,
    connected: b.connected,
  };
}

export function summarize(h: LatencyHistogram): LatencySummary {
  return {
    count: h.count,
    p50: h.percentile(50),
    p99: h.percentile(99),
    p999: h.percentile(99.9),
    max: h.max,
  };
}

/** CPU and memory of one process over a window. */
export interface ProcessWindow {
  millicores: number;
  /** Per 1,000 readings/s of the window's rate; NaN when no rate is given. */
  millicoresPer1k: number;
  rssAvgMiB: number;
  rssMaxMiB: number;
}

/** From the samples bracketing [from, to] (epoch ms); null when the window is not covered by two samples. */
export function processWindow(
  samples: readonly ProcSample[],
  from: number,
  to: number,
  ticksPerSecond: number,
  readingsPerSecond: number,
): ProcessWindow | null {
  const i = lastAtOrBefore(samples, from);
  const j = lastAtOrBefore(samples, to);
  if (i < 0 || j <= i) return null;
  const mc = millicores(samples[i], samples[j], ticksPerSecond);
  let sum = 0;
  let max = 0;
  let n = 0;
  for (let k = i; k <= j; k++) {
    const rss = samples[k].rssBytes;
    if (!Number.isFinite(rss)) continue;
    sum += rss;
    max = Math.max(max, rss);
    n++;
  }
  return {
    millicores: mc,
    millicoresPer1k: millicoresPer1k(mc, readingsPerSecond),
    rssAvgMiB: n > 0 ? sum / n / 2 ** 20 : NaN,
    rssMaxMiB: max / 2 ** 20,
  };
}

/** Index of the last element with `t` ≤ `at` (elements sorted by t), or -1. */
export function lastAtOrBefore(items: ReadonlyArray<{ t: number }>, at: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].t <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
