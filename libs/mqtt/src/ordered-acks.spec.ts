import { OrderedAcks } from './ordered-acks.js';

// Each case: how many messages arrive, then the order their work finishes in (index, failed?);
// expected: the order acknowledgements are released in, as "index" or "index!" for a failure.
const cases: Array<[name: string, count: number, finishes: Array<[number, boolean?]>, released: string[]]> = [
  ['in order', 3, [[0], [1], [2]], ['0', '1', '2']],
  ['a later message waits for an earlier one', 3, [[2], [1], [0]], ['0', '1', '2']],
  ['a gap holds everything behind it', 4, [[1], [3], [0]], ['0', '1']],
  ['failures keep their place', 3, [[1, true], [0]], ['0', '1!']],
  ['a second done is ignored', 2, [[0], [0], [1]], ['0', '1']],
];

describe('OrderedAcks', () => {
  it.each(cases)('%s', (_name, count, finishes, expected) => {
    const acks = new OrderedAcks();
    const released: string[] = [];
    const dones = Array.from({ length: count }, (_, i) =>
      acks.next((err) => released.push(err ? `${i}!` : `${i}`)),
    );
    for (const [i, failed] of finishes) dones[i](failed ? new Error('x') : undefined);
    expect(released).toEqual(expected);
    expect(acks.pending).toBe(count - expected.length);
  });

  it('stays correct across compaction of a long-lived line', () => {
    const acks = new OrderedAcks();
    const released: number[] = [];
    const dones = Array.from({ length: 3000 }, (_, i) => acks.next(() => released.push(i)));
    dones.slice(0, 2000).forEach((d) => d()); // released prefix > 1024 with a tail pending: compacts
    expect(acks.pending).toBe(1000);
    const more = Array.from({ length: 500 }, (_, i) => acks.next(() => released.push(3000 + i)));
    [...dones.slice(2000), ...more].reverse().forEach((d) => d());
    expect(released).toEqual(Array.from({ length: 3500 }, (_, i) => i));
    expect(acks.pending).toBe(0);
  });
});
