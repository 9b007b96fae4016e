import type { SimDevice } from '../device.js';
import { unit } from '../prng.js';
import type { Scenario } from '../scenarios/index.js';

/**
 * Timing of a run: how often each device reports, in wall-clock time, and the simulated clock the signal
 * models read. `--speedup k` runs simulated time k times faster than the wall clock and divides the
 * DOMAIN.md §a report intervals by k; `--interval-s` and `--rate` override the intervals but keep time real.
 */
export interface TimingOptions {
  /** Simulated seconds per wall second (1 = real time). */
  speedup: number;
  /** Every device reports every S wall seconds. */
  intervalS?: number;
  /** Total messages per second across all devices (overrides the intervals). */
  rate?: number;
}

/** Wall ms between two reports of `device` in normal operation. */
export function baseIntervalMs(
  device: Pick<SimDevice, 'reportIntervalS'>,
  timing: TimingOptions,
  deviceCount: number,
): number {
  if (timing.rate !== undefined) return (deviceCount / timing.rate) * 1000;
  if (timing.intervalS !== undefined) return timing.intervalS * 1000;
  return (device.reportIntervalS * 1000) / timing.speedup;
}

/** Wall ms between reports while a scenario reaches the device: its alarm rate if faster (never with --rate). */
export function activeIntervalMs(baseMs: number, scenario: Scenario, timing: TimingOptions): number {
  if (timing.rate !== undefined || scenario.alarmIntervalS === undefined) return baseMs;
  return Math.min(baseMs, (scenario.alarmIntervalS * 1000) / timing.speedup);
}

/**
 * Delay of a device's first report after it connects: devices report on power-up, spread over up to
 * 10 s (or their interval, if shorter) so a fleet connecting together does not publish in one burst.
 */
export function firstReportDelayMs(device: Pick<SimDevice, 'key'>, intervalMs: number): number {
  return unit(device.key, 97) * Math.min(intervalMs, 10_000);
}

/** Simulated time: starts at the wall clock and runs `speedup` times faster. */
export class SimClock {
  constructor(
    readonly startWall: number,
    readonly speedup: number,
  ) {}

  at(wall: number): number {
    return this.startWall + (wall - this.startWall) * this.speedup;
  }
}

/** A binary min-heap of (due, item) — the run's timer wheel, O(log n) per report. */
export class DueQueue<T> {
  private readonly heap: { due: number; item: T }[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(due: number, item: T): void {
    const h = this.heap;
    h.push({ due, item });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].due <= h[i].due) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  /** Removes and returns the earliest item due at or before `now`, or undefined. */
  popDue(now: number): T | undefined {
    const h = this.heap;
    if (h.length === 0 || h[0].due > now) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      this.siftDown();
    }
    return top.item;
  }

  private siftDown(): void {
    const h = this.heap;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l].due < h[m].due) m = l;
      if (r < h.length && h[r].due < h[m].due) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
}
