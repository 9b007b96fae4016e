import { settleBatch, splitBatch, type Batch, type PendingWrite } from './write-batch.js';

function pending(lines: number, log: string[], name: string): PendingWrite {
  return {
    remaining: lines,
    error: undefined,
    onDurable: (err) => log.push(err ? `${name}:${err.message}` : name),
  };
}

function batch(parts: [PendingWrite, number][]): Batch {
  const lines = parts.flatMap(([, n], p) => Array.from({ length: n }, (_, i) => `p${p}l${i}`));
  return { id: 7, since: 1, lines, writes: parts.map(([w]) => w), counts: parts.map(([, n]) => n) };
}

const rethrow = (err: unknown): never => {
  throw err;
};

describe('settleBatch', () => {
  it('fires a call only when every one of its lines, across batches, is settled', () => {
    const log: string[] = [];
    const a = pending(3, log, 'a');
    const b = pending(1, log, 'b');
    settleBatch(
      batch([
        [a, 2],
        [b, 1],
      ]),
      undefined,
      rethrow,
    );
    expect(log).toEqual(['b']);
    settleBatch(batch([[a, 1]]), undefined, rethrow);
    expect(log).toEqual(['b', 'a']);
  });

  it('reports the first error a call met, even if later lines of it succeeded', () => {
    const log: string[] = [];
    const a = pending(2, log, 'a');
    settleBatch(batch([[a, 1]]), new Error('rejected'), rethrow);
    settleBatch(batch([[a, 1]]), undefined, rethrow);
    expect(log).toEqual(['a:rejected']);
  });

  it('keeps settling the other calls when a callback throws', () => {
    const log: string[] = [];
    const thrown: unknown[] = [];
    const bad: PendingWrite = {
      remaining: 1,
      error: undefined,
      onDurable: () => {
        throw new Error('boom');
      },
    };
    settleBatch(
      batch([
        [bad, 1],
        [pending(1, log, 'ok'), 1],
      ]),
      undefined,
      (err) => thrown.push(err),
    );
    expect(log).toEqual(['ok']);
    expect(thrown).toHaveLength(1);
  });
});

describe('splitBatch', () => {
  it.each<[string, number[], number, number[], number[]]>([
    ['at a call boundary', [2, 3], 2, [2], [3]],
    ['inside a call', [2, 3], 3, [2, 1], [2]],
    ['inside a single call', [5], 1, [1], [4]],
    ['before the last line', [1, 1, 1], 2, [1, 1], [1]],
  ])('%s', (_name, counts, at, headCounts, tailCounts) => {
    const log: string[] = [];
    const parent = batch(counts.map((n, i) => [pending(n, log, `w${i}`), n]));
    const [head, tail] = splitBatch(parent, at);
    expect(head.counts).toEqual(headCounts);
    expect(tail.counts).toEqual(tailCounts);
    expect([...head.lines, ...tail.lines]).toEqual(parent.lines);
    expect(head.id).toBe(parent.id);
    // Settling both halves settles every call exactly once.
    settleBatch(head, undefined, rethrow);
    settleBatch(tail, undefined, rethrow);
    expect(log.sort()).toEqual(counts.map((_, i) => `w${i}`).sort());
  });

  it.each([0, 5, 2.5])('refuses to split at %d', (at) => {
    expect(() => splitBatch(batch([[pending(5, [], 'a'), 5]]), at)).toThrow(RangeError);
  });
});
