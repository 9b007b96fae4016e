import type { RiskLevel } from '#contracts';
import { lecAssess, lecBand, lecFactorErrors } from './lec.js';

describe('LEC (DOMAIN.md §b.1 Method B, [S40][S41])', () => {
  it.each<[number, number, number, number, RiskLevel]>([
    [3, 6, 15, 270, 'larger'], // DOMAIN.md §b.3 cross-check
    [10, 6, 40, 2400, 'major'],
    [6, 6, 15, 540, 'major'],
    [1, 10, 40, 400, 'major'],
    [3, 3, 40, 360, 'major'],
    [1, 6, 40, 240, 'larger'],
    [6, 2, 7, 84, 'general'],
    [1, 10, 7, 70, 'general'], // shared end point 70 → the more severe band
    [1, 6, 7, 42, 'low'],
    [0.5, 1, 1, 0.5, 'low'],
    [0.1, 0.5, 1, 0.05, 'low'],
  ])('L=%p E=%p C=%p → D=%p %s', (l, e, c, d, level) => {
    const result = lecAssess({ l, e, c });
    expect(result.d).toBe(d);
    expect(result.level).toBe(level);
  });

  it.each<[number, RiskLevel, string]>([
    [321, 'major', 'extremely dangerous, stop operation'],
    [320, 'larger', 'highly dangerous, rectify immediately'],
    [160, 'larger', 'highly dangerous, rectify immediately'],
    [159.9, 'general', 'notably dangerous, rectify'],
    [70, 'general', 'notably dangerous, rectify'],
    [69, 'low', 'possibly dangerous, watch'],
    [20, 'low', 'possibly dangerous, watch'],
    [19, 'low', 'slightly dangerous, acceptable'],
  ])('D=%p is %s (%s)', (d, level, wording) => {
    expect(lecBand(d)).toEqual({ level, wording });
  });

  it.each([
    [{ l: 4, e: 6, c: 15 }, ['L=4']],
    [{ l: 3, e: 5, c: 15 }, ['E=5']],
    [{ l: 3, e: 6, c: 20 }, ['C=20']],
    [{ l: 0, e: 0, c: 0 }, ['L=0', 'E=0', 'C=0']],
  ])('flags invalid factors %j', (factors, fragments) => {
    const errors = lecFactorErrors(factors);
    expect(errors).toHaveLength(fragments.length);
    fragments.forEach((fragment, i) => expect(errors[i]).toContain(fragment));
    expect(() => lecAssess(factors)).toThrow(RangeError);
  });
});
