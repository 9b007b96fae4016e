import { profileProblems } from './device-profile.js';

describe('profileProblems', () => {
  it.each([
    ['catalog metrics', 'gas', ['ch4_lel', 'c2h6_present'], {}],
    ['a narrowed range', 'gas', ['ch4_lel'], { ch4_lel: { min: 0, max: 50 } }],
    ['the full catalog range', 'drainage', ['level_m'], { level_m: { min: 0, max: 7 } }],
    [
      'a negative range where the catalog allows it',
      'bridge',
      ['strain_ue'],
      { strain_ue: { min: -3000, max: 3000 } },
    ],
  ] as const)('accepts %s', (_, domain, metrics, ranges) => {
    expect(profileProblems(domain, metrics, ranges)).toEqual([]);
  });

  it.each([
    ['a metric of another domain', 'gas', ['level_m'], {}, 'metrics.0', 'not a gas metric'],
    ['an unknown metric', 'water', ['pressure_mpa', 'colour'], {}, 'metrics.1', 'not a water metric'],
    [
      'a range for an undeclared metric',
      'gas',
      ['ch4_lel'],
      { pressure_mpa: { min: 0, max: 1 } },
      'ranges.pressure_mpa',
      'not among',
    ],
    [
      'a range wider than the catalog',
      'drainage',
      ['level_m'],
      { level_m: { min: 0, max: 8 } },
      'ranges.level_m',
      'within the catalog range [0, 7] m',
    ],
    [
      'an inverted range',
      'gas',
      ['ch4_lel'],
      { ch4_lel: { min: 50, max: 10 } },
      'ranges.ch4_lel',
      'min must be below max',
    ],
    [
      'a range without numbers',
      'gas',
      ['ch4_lel'],
      { ch4_lel: { min: '0', max: 10 } },
      'ranges.ch4_lel',
      'finite numbers',
    ],
    ['a range that is not an object', 'gas', ['ch4_lel'], { ch4_lel: 5 }, 'ranges.ch4_lel', 'finite numbers'],
  ] as const)('rejects %s', (_, domain, metrics, ranges, field, message) => {
    const problems = profileProblems(domain, metrics, ranges);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe(field);
    expect(problems[0].message).toContain(message);
  });
});
