import { describe, expect, it } from '@jest/globals';
import { linearScale, niceTicks, timeTicks, valueExtent } from './chart-scale';

describe('linearScale', () => {
  it('maps the domain onto the range, inverted for SVG y', () => {
    const y = linearScale(0, 100, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(50)).toBe(100);
  });
});

describe('niceTicks', () => {
  it.each([
    [0, 60, [0, 20, 40, 60]],
    [0.12, 0.47, [0.2, 0.3, 0.4]],
    [-3, 7, [-2, 0, 2, 4, 6]],
  ])('%p..%p', (min, max, ticks) => expect(niceTicks(min, max)).toEqual(ticks));
});

describe('valueExtent', () => {
  it('includes threshold lines and pads', () => {
    const [lo, hi] = valueExtent([2, 12], [50]);
    expect(lo).toBeCloseTo(-0.4);
    expect(hi).toBeCloseTo(52.4);
    expect(valueExtent([], [])).toEqual([0, 1]);
  });
});

describe('timeTicks', () => {
  it('puts 6 hours on whole hours of China time', () => {
    const t0 = Date.parse('2026-11-22T00:07:00Z');
    const ticks = timeTicks(t0, t0 + 6 * 3_600_000);
    expect(ticks.map((v) => new Date(v).toISOString().slice(11, 16))).toEqual([
      '01:00',
      '02:00',
      '03:00',
      '04:00',
      '05:00',
      '06:00',
    ]);
  });

  it('spaces 7 days by 1 day at midnight China time', () => {
    const t0 = Date.parse('2026-11-15T08:00:00Z');
    const ticks = timeTicks(t0, t0 + 7 * 86_400_000);
    expect(ticks).toHaveLength(7);
    expect(new Date(ticks[0]).toISOString()).toBe('2026-11-15T16:00:00.000Z');
  });
});
