import type { RiskLevel } from '#contracts';
import {
  compareLevels,
  colourOfLevel,
  LEVEL_LABELS_ZH,
  levelForScore,
  levelOfColour,
  matrixScore,
  maxLevel,
  raiseLevel,
  toScore5,
} from './risk-matrix.js';

describe('risk matrix (DOMAIN.md §b.1 Method A, [S39])', () => {
  it.each<[number, RiskLevel]>([
    [1, 'low'],
    [2, 'low'],
    [3, 'low'],
    [4, 'general'],
    [5, 'general'],
    [6, 'general'],
    [8, 'general'],
    [9, 'larger'],
    [10, 'larger'],
    [12, 'larger'],
    [15, 'larger'],
    [16, 'larger'],
    [20, 'major'],
    [25, 'major'],
  ])('score %i is %s', (score, level) => {
    expect(levelForScore(score)).toBe(level);
  });

  it('covers every product of two 1..5 scores with exactly one band', () => {
    for (let l = 1; l <= 5; l++)
      for (let s = 1; s <= 5; s++) expect(() => levelForScore(matrixScore(l, s))).not.toThrow();
  });

  it.each([0, 26, 2.5, Number.NaN])('rejects score %p', (score) => {
    expect(() => levelForScore(score)).toThrow(RangeError);
  });

  it.each([
    [0, 3],
    [6, 1],
    [2.5, 2],
  ])('rejects L=%p S=%p', (l, s) => {
    expect(() => matrixScore(l, s)).toThrow(RangeError);
  });

  it.each<[RiskLevel, RiskLevel, number]>([
    ['major', 'larger', 1],
    ['low', 'general', -1],
    ['larger', 'larger', 0],
    ['low', 'major', -1],
  ])('compareLevels(%s, %s) has sign %i', (a, b, sign) => {
    expect(Math.sign(compareLevels(a, b))).toBe(sign);
  });

  it.each<[RiskLevel[], RiskLevel]>([
    [[], 'low'],
    [['general', 'major', 'larger'], 'major'],
    [['low', 'general'], 'general'],
  ])('maxLevel(%j) = %s', (levels, expected) => {
    expect(maxLevel(...levels)).toBe(expected);
  });

  it.each<[RiskLevel, number, RiskLevel]>([
    ['general', 1, 'larger'],
    ['larger', 1, 'major'],
    ['major', 1, 'major'],
    ['low', 3, 'major'],
    ['larger', -1, 'general'],
    ['low', -2, 'low'],
  ])('raiseLevel(%s, %i) = %s', (level, steps, expected) => {
    expect(raiseLevel(level, steps)).toBe(expected);
  });

  it.each<[RiskLevel, string, string]>([
    ['major', 'red', '重大'],
    ['larger', 'orange', '较大'],
    ['general', 'yellow', '一般'],
    ['low', 'blue', '低'],
  ])('%s is %s and labelled %s', (level, colour, label) => {
    expect(colourOfLevel(level)).toBe(colour);
    expect(levelOfColour(colourOfLevel(level))).toBe(level);
    expect(LEVEL_LABELS_ZH[level]).toBe(label);
  });

  it.each([
    [0.2, 1],
    [3.49, 3],
    [3.5, 4],
    [4.25, 4],
    [7, 5],
  ])('toScore5(%p) = %i (half up, clamped)', (points, score) => {
    expect(toScore5(points)).toBe(score);
  });
});
