import {
  isValidSchedule,
  MAX_RETRY_AFTER_MS,
  nextRetry,
  STANDARD_WEBHOOKS_SCHEDULE_MS,
  type RetryDecision,
  type RetryInput,
} from './retry-schedule.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const spec = STANDARD_WEBHOOKS_SCHEDULE_MS;
const base = { schedule: spec, jitter: 0, random: 0.5 };

describe('the Standard Webhooks example schedule', () => {
  it('is 10 attempts, cumulatively 75:35:05 (PEERS.md §3 table)', () => {
    expect(spec).toHaveLength(10);
    const total = spec.reduce((a, b) => a + b, 0);
    expect(total).toBe(75 * H + 35 * M + 5 * S);
  });
});

const cases: Array<
  [name: string, input: Partial<RetryInput> & { attemptsMade: number }, expected: RetryDecision]
> = [
  ['after the first attempt: 5 s', { attemptsMade: 1 }, { kind: 'retry', delayMs: 5 * S }],
  ['after the second: 5 min', { attemptsMade: 2 }, { kind: 'retry', delayMs: 5 * M }],
  ['after the ninth: 24 h', { attemptsMade: 9 }, { kind: 'retry', delayMs: 24 * H }],
  ['after the tenth: dead-letter', { attemptsMade: 10 }, { kind: 'dead' }],
  ['beyond the schedule: dead-letter', { attemptsMade: 14 }, { kind: 'dead' }],
  [
    'jitter at its low end: -10 %',
    { attemptsMade: 2, jitter: 0.1, random: 0 },
    { kind: 'retry', delayMs: 270 * S },
  ],
  [
    'jitter at its high end: +10 %',
    { attemptsMade: 2, jitter: 0.1, random: 0.999999 },
    { kind: 'retry', delayMs: 330 * S },
  ],
  [
    'jitter in the middle: none',
    { attemptsMade: 2, jitter: 0.1, random: 0.5 },
    { kind: 'retry', delayMs: 5 * M },
  ],
  [
    'Retry-After longer than the step wins',
    { attemptsMade: 1, retryAfterMs: 120 * S },
    { kind: 'retry', delayMs: 120 * S },
  ],
  [
    'Retry-After shorter than the step: the step',
    { attemptsMade: 2, retryAfterMs: 1 * S },
    { kind: 'retry', delayMs: 5 * M },
  ],
  [
    'Retry-After is capped at 24 h',
    { attemptsMade: 1, retryAfterMs: 30 * 24 * H },
    { kind: 'retry', delayMs: MAX_RETRY_AFTER_MS },
  ],
  [
    'a negative Retry-After is ignored',
    { attemptsMade: 1, retryAfterMs: -5 },
    { kind: 'retry', delayMs: 5 * S },
  ],
  ['Retry-After does not extend the schedule', { attemptsMade: 10, retryAfterMs: 5 * S }, { kind: 'dead' }],
  ['a compressed schedule', { attemptsMade: 1, schedule: [0, 100, 200] }, { kind: 'retry', delayMs: 100 }],
  ['a compressed schedule ends', { attemptsMade: 3, schedule: [0, 100, 200] }, { kind: 'dead' }],
  ['a one-attempt schedule never retries', { attemptsMade: 1, schedule: [0] }, { kind: 'dead' }],
];

describe('nextRetry', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(nextRetry({ ...base, ...input })).toEqual(expected);
  });

  it('spreads delays over the whole jitter band', () => {
    const delays = [0, 0.25, 0.5, 0.75, 0.99].map((random) => {
      const d = nextRetry({ ...base, attemptsMade: 1, jitter: 0.2, random });
      return d.kind === 'retry' ? d.delayMs : NaN;
    });
    expect(delays).toEqual([4000, 4500, 5000, 5500, 5980]);
  });
});

describe('isValidSchedule', () => {
  it.each([
    [[0], true],
    [[0, 5000], true],
    [[], false],
    [[0, -1], false],
    [[0, Number.NaN], false],
  ])('%j → %j', (schedule, ok) => expect(isValidSchedule(schedule)).toBe(ok));
});
