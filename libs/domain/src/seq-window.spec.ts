import { SeqWindow, type SeqVerdict } from './seq-window.js';

type Step = [seq: number, ts: number, verdict: SeqVerdict];

// Each case feeds (seq, ts) pairs to a fresh window of 64 and expects a verdict for every step.
const cases: Array<[name: string, steps: Step[]]> = [
  ['first sample is new', [[7, 1000, 'new']]],
  [
    'ascending seqs are new',
    [
      [1, 1000, 'new'],
      [2, 2000, 'new'],
      [3, 3000, 'new'],
    ],
  ],
  [
    'a redelivered sample is a duplicate',
    [
      [1, 1000, 'new'],
      [2, 2000, 'new'],
      [2, 2000, 'duplicate'],
    ],
  ],
  [
    'the same seq again is a duplicate even with a newer ts',
    [
      [5, 1000, 'new'],
      [5, 9000, 'duplicate'],
    ],
  ],
  [
    'out of order inside the window is new once, then a duplicate',
    [
      [10, 10_000, 'new'],
      [8, 8000, 'new'],
      [9, 9000, 'new'],
      [8, 8000, 'duplicate'],
    ],
  ],
  [
    'a gap is filled later',
    [
      [1, 1000, 'new'],
      [5, 5000, 'new'],
      [3, 3000, 'new'],
      [4, 4000, 'new'],
      [3, 3000, 'duplicate'],
    ],
  ],
  [
    'the window edge is remembered',
    [
      [0, 0, 'new'],
      [63, 63_000, 'new'],
      [0, 0, 'duplicate'],
    ],
  ],
  [
    'just past the window edge is stale',
    [
      [0, 0, 'new'],
      [64, 64_000, 'new'],
      [0, 0, 'stale'],
    ],
  ],
  [
    'far below the window is stale',
    [
      [5000, 5_000_000, 'new'],
      [12, 12_000, 'stale'],
    ],
  ],
  [
    'a jump larger than the window clears it',
    [
      [1, 1000, 'new'],
      [1000, 1_000_000, 'new'],
      [999, 999_000, 'new'],
      [1, 1000, 'stale'],
    ],
  ],
  [
    'a slide clears the bits of skipped seqs',
    [
      [0, 0, 'new'],
      [1, 1, 'new'],
      [65, 65, 'new'],
      [64, 64, 'new'],
      [2, 2, 'new'],
    ],
  ],
  [
    'counter restart: lower seq, newer ts than anything seen',
    [
      [500, 500_000, 'new'],
      [0, 600_000, 'restart'],
      [1, 601_000, 'new'],
      [0, 600_000, 'duplicate'],
    ],
  ],
  [
    'a restart far below the window is not stale',
    [
      [90_000, 1000, 'new'],
      [0, 2000, 'restart'],
    ],
  ],
  [
    'lower seq with an older ts is a backfill, not a restart',
    [
      [500, 500_000, 'new'],
      [460, 460_000, 'new'],
      [460, 460_000, 'duplicate'],
    ],
  ],
  [
    'lower seq with the newest ts is not a restart',
    [
      [500, 500_000, 'new'],
      [499, 500_000, 'new'],
    ],
  ],
  [
    'after a restart the old epoch is forgotten',
    [
      [40, 40_000, 'new'],
      [3, 50_000, 'restart'],
      [40, 40_000, 'new'],
    ],
  ],
];

describe('SeqWindow', () => {
  it.each(cases)('%s', (_name, steps) => {
    const window = new SeqWindow(64);
    const verdicts = steps.map(([seq, ts]) => window.observe(seq, ts));
    expect(verdicts).toEqual(steps.map((s) => s[2]));
  });

  it.each([
    ['the newest seq', 10, [8, 9, 10]],
    ['a seq inside the window', 8, [8, 9, 10]],
  ])('forget(%s) lets a retransmission through', (_name, forgotten, seen) => {
    const window = new SeqWindow(64);
    for (const seq of seen) window.observe(seq, seq * 1000);
    window.forget(forgotten);
    expect(window.observe(forgotten, forgotten * 1000)).toBe('new');
    expect(window.observe(forgotten, forgotten * 1000)).toBe('duplicate');
  });

  it.each([0, 31, 100, 1.5])('refuses a window size of %s', (size) => {
    expect(() => new SeqWindow(size)).toThrow(RangeError);
  });

  it('handles seqs near Number.MAX_SAFE_INTEGER', () => {
    const window = new SeqWindow(64);
    const top = Number.MAX_SAFE_INTEGER;
    expect([window.observe(top - 1, 1), window.observe(top, 2), window.observe(top - 1, 1)]).toEqual([
      'new',
      'new',
      'duplicate',
    ]);
  });
});
