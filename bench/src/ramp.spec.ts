import { DEFAULT_CRITERIA, highestHeld, judgeStep, rampRates, type StepObservation } from './ramp.js';

const base: StepObservation = {
  targetRate: 20_000,
  sentRate: 19_950,
  outstandingMid: 3000,
  outstandingEnd: 3100,
  judgedSeconds: 30,
  p99Ms: 450,
  spoolMid: 0,
  spoolEnd: 0,
  disconnects: 0,
};

describe('judgeStep', () => {
  it.each<[string, Partial<StepObservation>, string, RegExp | null]>([
    ['steady', {}, 'held', null],
    ['a small backlog wobble', { outstandingEnd: 3000 + 300 * 30 }, 'held', null],
    [
      'backlog growing (acks behind sends)',
      { outstandingEnd: 3000 + 1000 * 30 },
      'not_held',
      /backlog grew by 1000/,
    ],
    ['p99 over the limit', { p99Ms: 3500 }, 'not_held', /p99 3\.5 s > 3\.0 s/],
    ['no latency samples at all (no acks)', { p99Ms: NaN }, 'not_held', /p99 n\/a/],
    ['spool growing', { spoolMid: 10, spoolEnd: 50_000 }, 'not_held', /spool grew from 10 to 50000/],
    ['spool shrinking (replay catching up)', { spoolMid: 50_000, spoolEnd: 10 }, 'held', null],
    ['raw broker: no spool figures', { spoolMid: undefined, spoolEnd: undefined }, 'held', null],
    ['a dropped connection', { disconnects: 2 }, 'not_held', /2 generator connection/],
    [
      'generator short of its schedule',
      { sentRate: 15_000 },
      'generator_limited',
      /generator sent 15000\/s of 20000\/s/,
    ],
    [
      'service failing and generator short: the service failure wins',
      { sentRate: 15_000, p99Ms: 9000 },
      'not_held',
      /p99/,
    ],
  ])('%s', (_name, change, verdict, reason) => {
    const d = judgeStep({ ...base, ...change }, DEFAULT_CRITERIA);
    expect(d.verdict).toBe(verdict);
    if (reason) expect(d.reasons.join('; ')).toMatch(reason);
    else expect(d.reasons).toEqual([]);
  });

  it('allows a floor of 50 msg/s backlog growth at low rates', () => {
    expect(
      judgeStep({ ...base, targetRate: 1000, sentRate: 1000, outstandingMid: 0, outstandingEnd: 40 * 30 })
        .verdict,
    ).toBe('held');
    expect(
      judgeStep({ ...base, targetRate: 1000, sentRate: 1000, outstandingMid: 0, outstandingEnd: 60 * 30 })
        .verdict,
    ).toBe('not_held');
  });
});

describe('rampRates', () => {
  it('steps from start to max inclusive', () => {
    expect(rampRates(5000, 5000, 20_000)).toEqual([5000, 10_000, 15_000, 20_000]);
    expect(rampRates(5000, 5000, 22_000)).toEqual([5000, 10_000, 15_000, 20_000]);
  });
  it('refuses a ramp that cannot climb', () => {
    expect(() => rampRates(0, 5000, 10_000)).toThrow(RangeError);
    expect(() => rampRates(5000, 0, 10_000)).toThrow(RangeError);
    expect(() => rampRates(5000, 5000, 1000)).toThrow(RangeError);
  });
});

describe('highestHeld', () => {
  it.each<
    [
      string,
      Array<{ rate: number; verdict: 'held' | 'not_held' | 'generator_limited'; lossFree?: boolean }>,
      number | null,
    ]
  >([
    ['none run', [], null],
    ['first step fails', [{ rate: 5000, verdict: 'not_held' }], null],
    [
      'last held before a failure',
      [
        { rate: 5000, verdict: 'held', lossFree: true },
        { rate: 10_000, verdict: 'held', lossFree: true },
        { rate: 15_000, verdict: 'not_held', lossFree: true },
      ],
      10_000,
    ],
    [
      'a step with loss ends the run even if later ones pass',
      [
        { rate: 5000, verdict: 'held', lossFree: true },
        { rate: 10_000, verdict: 'held', lossFree: false },
        { rate: 15_000, verdict: 'held', lossFree: true },
      ],
      5000,
    ],
    [
      'loss not checked yet counts as held',
      [
        { rate: 5000, verdict: 'held' },
        { rate: 10_000, verdict: 'generator_limited' },
      ],
      5000,
    ],
  ])('%s', (_name, steps, expected) => {
    expect(highestHeld(steps)).toBe(expected);
  });
});
