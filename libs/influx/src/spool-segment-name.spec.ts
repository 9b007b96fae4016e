import { compareSegments, isTempFile, parseSegmentFileName, segmentFileName } from './spool-segment-name.js';

describe('segment file names', () => {
  it.each([
    [0, 1, '000000000000-1.lp.gz'],
    [123, 5000, '000000000123-5000.lp.gz'],
    [999_999_999_999, 7, '999999999999-7.lp.gz'],
  ])('seq %i with %i lines is %s and parses back', (seq, lines, file) => {
    expect(segmentFileName(seq, lines)).toBe(file);
    expect(parseSegmentFileName(file)).toEqual({ seq, lines, file });
  });

  it.each([
    ['000000000123-5000.lp.gz.tmp'],
    ['000000000123-5000.lp.gz.corrupt'],
    ['123-5000.lp.gz'],
    ['000000000123-0.lp.gz'],
    ['000000000123.lp'],
    ['LOCK'],
    ['000000000123-5000.lp.gz '],
  ])('%s is not a segment', (file) => {
    expect(parseSegmentFileName(file)).toBeUndefined();
  });

  it.each([
    [-1, 1],
    [1.5, 1],
    [1_000_000_000_000, 1],
    [1, 0],
  ])('refuses seq %d with %d lines', (seq, lines) => {
    expect(() => segmentFileName(seq, lines)).toThrow(RangeError);
  });

  it('recognises temp files', () => {
    expect(isTempFile('000000000001-1.lp.gz.tmp')).toBe(true);
    expect(isTempFile('000000000001-1.lp.gz')).toBe(false);
  });

  it('orders by sequence, and name order agrees with sequence order', () => {
    const names = [
      segmentFileName(10, 1),
      segmentFileName(9, 1),
      segmentFileName(100, 1),
      segmentFileName(2, 3),
    ];
    const bySeq = names
      .map((n) => parseSegmentFileName(n)!)
      .sort(compareSegments)
      .map((s) => s.file);
    expect(bySeq).toEqual([...names].sort());
    expect(bySeq[0]).toBe('000000000002-3.lp.gz');
  });
});
