import type { GeneratorTick } from './generator.js';
import { LatencyHistogram } from './percentiles.js';
import { lastAtOrBefore, processWindow, trafficWindow } from './measure.js';

function tick(
  t: number,
  sent: number,
  acked: number,
  latencies: number[] = [],
  extra: Partial<GeneratorTick> = {},
): GeneratorTick {
  const h = new LatencyHistogram();
  latencies.forEach((l) => h.record(l));
  return {
    t,
    sent,
    acked,
    outstanding: sent - acked,
    hist: h.drain(),
    lagMaxMs: 0,
    queuedBytes: 0,
    connected: 10,
    disconnects: 0,
    ...extra,
  };
}

describe('lastAtOrBefore', () => {
  const items = [{ t: 10 }, { t: 20 }, { t: 30 }];
  it.each([
    [5, -1],
    [10, 0],
    [25, 1],
    [30, 2],
    [99, 2],
  ])('at %d → %d', (at, idx) => expect(lastAtOrBefore(items, at)).toBe(idx));
});

describe('trafficWindow', () => {
  const ticks = [
    tick(1000, 100, 90, [5]),
    tick(2000, 1100, 1050, [10, 10, 10]),
    tick(3000, 2100, 2080, [20, 30], { lagMaxMs: 7, queuedBytes: 500 }),
    tick(4000, 3100, 3100, [40], { disconnects: 1 }),
  ];

  it('differences counters between the bracketing ticks and merges the histograms in between', () => {
    const w = trafficWindow(ticks, 1500, 4000);
    expect(w).not.toBeNull();
    expect(w).toMatchObject({
      seconds: 3,
      sent: 3000,
      acked: 3010,
      outstandingStart: 10,
      outstandingEnd: 0,
      lagMaxMs: 7,
      queuedBytesMax: 500,
      disconnects: 1,
    });
    expect(w!.sentRate).toBeCloseTo(1000, 9);
    expect(w!.latency.count).toBe(6);
    expect(w!.latency.p50).toBeCloseTo(10, 0);
    expect(w!.latency.max).toBeCloseTo(40, 0);
  });

  it('is null when the window does not span a tick interval', () => {
    expect(trafficWindow(ticks, 500, 900)).toBeNull();
    expect(trafficWindow(ticks, 2000, 2500)).toBeNull();
  });
});

describe('processWindow', () => {
  const samples = [
    { t: 0, cpuTicks: 0, rssBytes: 100 * 2 ** 20 },
    { t: 1000, cpuTicks: 50, rssBytes: 110 * 2 ** 20 },
    { t: 2000, cpuTicks: 100, rssBytes: NaN },
    { t: 3000, cpuTicks: 150, rssBytes: 120 * 2 ** 20 },
  ];

  it('CPU from the bracketing samples, RSS average and peak of the samples inside', () => {
    const w = processWindow(samples, 0, 3000, 100, 10_000);
    expect(w).not.toBeNull();
    expect(w!.millicores).toBeCloseTo(500, 9);
    expect(w!.millicoresPer1k).toBeCloseTo(50, 9);
    expect(w!.rssAvgMiB).toBeCloseTo(110, 9);
    expect(w!.rssMaxMiB).toBeCloseTo(120, 9);
  });

  it('is null without two samples', () => {
    expect(processWindow(samples, 3000, 3500, 100, 1)).toBeNull();
  });
});
