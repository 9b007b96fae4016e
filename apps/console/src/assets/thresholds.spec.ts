import { describe, expect, it } from '@jest/globals';
import { thresholdLines } from './thresholds';

describe('thresholdLines', () => {
  it('draws the gas CH4 ladder: 10 / 25 / 50 %LEL (DOMAIN.md §a.1)', () => {
    expect(thresholdLines('gas', 'ch4_lel', {})).toEqual([
      { level: 'general', value: 10 },
      { level: 'larger', value: 25 },
      { level: 'major', value: 50 },
    ]);
  });

  it('has none for a metric without a numeric rule', () => {
    expect(thresholdLines('gas', 'temperature_c', {})).toEqual([]);
  });
});
