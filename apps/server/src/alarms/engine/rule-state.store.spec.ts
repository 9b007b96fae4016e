import type { RuleState } from '#domain';
import { resumableChange, type KeyState } from './rule-state.store.js';

const idle: RuleState = {
  ruleId: 'water.pressure_drop',
  active: null,
  conditionLevel: null,
  pending: null,
  clearing: null,
  lastTs: 1000,
  window: [[1000, 0.31]],
  streak: 0,
};
const key = (state: Partial<RuleState>, noise: number[] = []): KeyState => ({
  state: { ...idle, ...state },
  noise,
});

describe('resumableChange (what the write-behind must persist)', () => {
  const noise: number[] = [];
  it.each<[string, KeyState, boolean]>([
    [
      'only the sample window and lastTs moved',
      key(
        {
          lastTs: 2000,
          window: [
            [1000, 0.31],
            [2000, 0.3],
          ],
        },
        noise,
      ),
      false,
    ],
    ['a condition started holding', key({ conditionLevel: 'general' }, noise), true],
    [
      'an on-delay started',
      key(
        {
          pending: {
            level: 'general',
            since: 2000,
            readings: 1,
            threshold: 10,
            conditionId: 'c',
            reason: 'r',
          },
        },
        noise,
      ),
      true,
    ],
    ['the repeat streak grew', key({ streak: 1 }, noise), true],
    [
      'an alarm became active',
      key(
        { active: { level: 'larger', since: 2000, levelSince: 2000, value: 0.12, threshold: 0.14 } },
        noise,
      ),
      true,
    ],
    ['a transition was recorded for chattering', key({}, [2000]), true],
  ])('%s', (_name, after, expected) => {
    expect(resumableChange({ state: idle, noise }, after)).toBe(expected);
  });
});
