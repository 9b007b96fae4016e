import { compareSentWithStored, missingSeqs, rangesBetween, sentCount } from './zero-loss.js';

describe('sentCount', () => {
  it.each([
    [{ deviceId: 'a', first: 1, last: 10 }, 10],
    [{ deviceId: 'a', first: 5, last: 5 }, 1],
    [{ deviceId: 'a', first: 5, last: 4 }, 0],
  ])('%j → %d', (r, n) => expect(sentCount(r)).toBe(n));
});

describe('compareSentWithStored', () => {
  const sent = [
    { deviceId: 'A', first: 1, last: 100 },
    { deviceId: 'B', first: 1, last: 100 },
    { deviceId: 'C', first: 11, last: 10 }, // sent nothing
  ];

  it('is zero loss when every device counts its whole range', () => {
    const check = compareSentWithStored(
      sent,
      new Map([
        ['A', 100],
        ['B', 100],
      ]),
    );
    expect(check).toMatchObject({
      devices: 2,
      sent: 200,
      stored: 200,
      missing: 0,
      extra: 0,
      devicesShort: 0,
      zeroLoss: true,
    });
  });

  it('counts missing readings per device, a device absent from InfluxDB included', () => {
    const check = compareSentWithStored(sent, new Map([['A', 97]]));
    expect(check).toMatchObject({ sent: 200, stored: 97, missing: 103, devicesShort: 2, zeroLoss: false });
    expect(check.examples).toEqual([
      { deviceId: 'A', sent: 100, stored: 97 },
      { deviceId: 'B', sent: 100, stored: 0 },
    ]);
  });

  it('reports extra points (and foreign devices) without calling them loss', () => {
    const check = compareSentWithStored(
      sent,
      new Map([
        ['A', 101],
        ['B', 100],
        ['Z', 5],
      ]),
    );
    expect(check).toMatchObject({ missing: 0, extra: 6, unexpectedDevices: 1, zeroLoss: true });
  });

  it('does not let one device’s surplus hide another’s shortfall', () => {
    const check = compareSentWithStored(
      sent,
      new Map([
        ['A', 110],
        ['B', 90],
      ]),
    );
    expect(check).toMatchObject({ missing: 10, extra: 10, zeroLoss: false });
  });

  it('keeps at most 10 examples', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ deviceId: `D${i}`, first: 1, last: 2 }));
    const check = compareSentWithStored(many, new Map());
    expect(check.devicesShort).toBe(50);
    expect(check.examples).toHaveLength(10);
  });
});

describe('missingSeqs', () => {
  it('lists the gaps in order, up to the limit', () => {
    expect(missingSeqs({ deviceId: 'A', first: 1, last: 10 }, [1, 2, 4, 5, 9, 10])).toEqual([3, 6, 7, 8]);
    expect(missingSeqs({ deviceId: 'A', first: 1, last: 10 }, [], 3)).toEqual([1, 2, 3]);
    expect(missingSeqs({ deviceId: 'A', first: 1, last: 3 }, [1, 2, 3])).toEqual([]);
  });
});

describe('rangesBetween', () => {
  it('turns nextSeq snapshots at step edges into inclusive ranges', () => {
    expect(rangesBetween(['A', 'B'], [1, 7], [11, 7])).toEqual([
      { deviceId: 'A', first: 1, last: 10 },
      { deviceId: 'B', first: 7, last: 6 },
    ]);
  });
});
