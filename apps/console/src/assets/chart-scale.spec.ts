import { describe, expect, it } from '@jest/globals';
import { linearScale, niceTicks, valueExtent } from './chart-scale';

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
