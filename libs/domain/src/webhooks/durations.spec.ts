import { formatDuration, parseDuration, parseDurationList } from './durations.js';

const single: Array<[text: string, ms: number | undefined]> = [
  ['0', 0],
  ['250ms', 250],
  ['5s', 5000],
  ['1.5s', 1500],
  ['5m', 300_000],
  ['2h', 7_200_000],
  ['1d', 86_400_000],
  [' 5S ', 5000],
  ['5', undefined],
  ['-5s', undefined],
  ['5 s', undefined],
  ['', undefined],
  ['5w', undefined],
];

describe('parseDuration', () => {
  it.each(single)('%j → %j', (text, ms) => expect(parseDuration(text)).toBe(ms));
});

const lists: Array<[text: string, ms: number[] | undefined]> = [
  ['0,5s,5m', [0, 5000, 300_000]],
  ['0, 200ms , 1s', [0, 200, 1000]],
  ['0,,5s', undefined],
  ['0,5', undefined],
  ['', undefined],
];

describe('parseDurationList', () => {
  it.each(lists)('%j → %j', (text, ms) => expect(parseDurationList(text)).toEqual(ms));
});

describe('formatDuration', () => {
  it.each([
    [0, '0'],
    [250, '250ms'],
    [5000, '5s'],
    [300_000, '5m'],
    [86_400_000, '1d'],
    [1500, '1500ms'],
  ])('%j → %j', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
