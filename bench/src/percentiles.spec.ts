import { LatencyHistogram, percentile } from './percentiles.js';

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 50, NaN],
    [[7], 0, 7],
    [[7], 100, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 10],
    [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 10, 1],
    [[3, 1, 2], 100, 3],
  ])('%j p%d = %d', (values, p, expected) => {
    expect(percentile(values, p)).toEqual(expected);
  });

  it('does not sort the caller’s array', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses a non-number percentile', () => {
    expect(() => percentile([1], NaN)).toThrow(RangeError);
  });
});

describe('LatencyHistogram', () => {
  const values = Array.from({ length: 10_000 }, (_, i) => (i + 1) * 0.37);

  it.each([1, 50, 90, 99, 99.9, 100])('p%d is within 1 %% of the exact nearest-rank value', (p) => {
    const h = new LatencyHistogram();
    for (const v of values) h.record(v);
    const exact = percentile(values, p);
    expect(Math.abs(h.percentile(p) - exact) / exact).toBeLessThanOrEqual(0.0101);
  });

  it('is NaN when empty and caps at the largest value seen', () => {
    const h = new LatencyHistogram();
    expect(h.percentile(50)).toBeNaN();
    h.record(5);
    expect(h.percentile(100)).toBe(5);
    expect(h.max).toBe(5);
  });

  it('puts zero and sub-resolution values in the first bucket', () => {
    const h = new LatencyHistogram();
    h.record(0);
    h.record(0.001);
    expect(h.count).toBe(2);
    expect(h.percentile(100)).toBeLessThanOrEqual(0.01);
  });

  it('merges sparse snapshots into the same distribution', () => {
    const whole = new LatencyHistogram();
    const merged = new LatencyHistogram();
    const part = new LatencyHistogram();
    values.forEach((v, i) => {
      whole.record(v);
      part.record(v);
      if (i % 1000 === 999) merged.merge(part.drain());
    });
    expect(part.count).toBe(0);
    expect(merged.count).toBe(whole.count);
    for (const p of [50, 99, 99.9]) expect(merged.percentile(p)).toBeCloseTo(whole.percentile(p), 6);
  });

  it('keeps a value above the range in the last bucket', () => {
    const h = new LatencyHistogram();
    h.record(10_000_000);
    expect(h.count).toBe(1);
    expect(h.percentile(50)).toBeGreaterThan(500_000);
  });
});
