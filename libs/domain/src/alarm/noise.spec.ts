import { RULE_DEFAULTS, type ResolvedRule } from './alarm-rules.js';
import {
  dedupKey,
  findDuplicate,
  groupFloods,
  inCooldown,
  isChattering,
  recordTransition,
  type FloodAlarm,
} from './noise.js';
import { evaluate } from './rule-evaluator.js';

const S = 1000;
const MIN = 60 * S;
const T0 = Date.UTC(2026, 6, 20, 0, 0);
const HOUR_MS = 3_600_000;

describe('noise controls (PEERS.md §2)', () => {
  it.each<[string, number[], number, boolean]>([
    ['3 transitions in 40 s', [0, 20 * S, 40 * S], 50 * S, true],
    ['2 transitions', [0, 20 * S], 50 * S, false],
    ['3 transitions spread over 61 s', [0, 30 * S, 61 * S], 61 * S, false],
    ['4 transitions, the last 3 within 1 min', [0, 70 * S, 80 * S, 90 * S], 90 * S, true],
  ])('chattering: %s → %p', (_label, offsets, at, expected) => {
    expect(
      isChattering(
        offsets.map((o) => T0 + o),
        T0 + at,
      ),
    ).toBe(expected);
  });

  it('keeps only the transitions of the last minute', () => {
    const history = [T0, T0 + 10 * S].reduce<number[]>((h, t) => recordTransition(h, t), []);
    expect(recordTransition(history, T0 + 65 * S)).toEqual([T0 + 10 * S, T0 + 65 * S]);
  });

  const flapping = [9.8, 10.2, 9.7, 10.3, 9.4, 10.1, 9.5, 10.4];
  const rule = (deadband: number): ResolvedRule => ({
    ...RULE_DEFAULTS,
    id: 'test.x',
    domains: ['gas'],
    metric: 'x',
    label: 'x',
    source: 'test',
    assumption: false,
    deadband,
    conditions: [{ id: 'ladder', kind: 'above', inclusive: true, steps: [{ level: 'general', value: 10 }] }],
  });
  it.each([
    [0, true],
    [1, false],
  ])('a signal flapping around 10 every 10 s with deadband %p chatters: %p', (deadband, chatters) => {
    const readings = flapping.map((value, i) => ({ ts: T0 + i * 10 * S, value }));
    const { transitions } = evaluate(null, readings, rule(deadband), T0 + HOUR_MS);
    const times = transitions.map((t) => t.ts);
    expect(isChattering(times, T0 + (flapping.length - 1) * 10 * S)).toBe(chatters);
  });

  it('de-duplicates by (assetId, ruleId)', () => {
    const open = [
      { id: 'A1', assetId: 'GAS-1', ruleId: 'gas.ch4_lel' },
      { id: 'A2', assetId: 'GAS-1', ruleId: 'gas.cover_tilt_deg' },
    ];
    expect(findDuplicate(open, 'GAS-1', 'gas.ch4_lel')?.id).toBe('A1');
    expect(findDuplicate(open, 'GAS-2', 'gas.ch4_lel')).toBeUndefined();
    expect(dedupKey('GAS-1', 'gas.ch4_lel')).not.toBe(dedupKey('GAS-1.gas', 'ch4_lel'));
  });

  it.each<[number | null, number, boolean]>([
    [null, 0, false],
    [T0, T0 + 299 * S, true],
    [T0, T0 + 300 * S, false],
  ])('cooldown after a clear at %p, now %p → %p', (cleared, now, expected) => {
    expect(inCooldown(cleared, now)).toBe(expected);
  });

  /** `count` alarms on distinct segments under `ancestry`, `stepMs` apart. */
  const burst = (
    ancestry: string[],
    count: number,
    start: number,
    stepMs: number,
    prefix: string,
  ): FloodAlarm[] =>
    Array.from({ length: count }, (_v, i) => ({
      id: `${prefix}${i}`,
      assetId: `${prefix}-seg${i}`,
      ancestry,
      raisedAt: T0 + start + i * stepMs,
    }));
  const P1 = ['city', 'D1', 'P1'];
  const P2 = ['city', 'D1', 'P2'];

  it.each<[string, FloodAlarm[], [string, number][], number]>([
    [
      '11 alarms in 10 min on one pipeline → one incident there',
      burst(P1, 11, 0, 50 * S, 'a'),
      [['P1', 11]],
      0,
    ],
    ['10 alarms are not a flood', burst(P1, 10, 0, 50 * S, 'a'), [], 10],
    ['11 alarms over 20 min are not a flood', burst(P1, 11, 0, 2 * MIN, 'a'), [], 11],
    [
      '6 + 6 on two pipelines → one incident at the district',
      [...burst(P1, 6, 0, MIN, 'a'), ...burst(P2, 6, 30 * S, MIN, 'b')],
      [['D1', 12]],
      0,
    ],
    [
      '11 on P1 and 3 on P2 → P1 only',
      [...burst(P1, 11, 0, 30 * S, 'a'), ...burst(P2, 3, 0, MIN, 'b')],
      [['P1', 11]],
      3,
    ],
    [
      'two bursts an hour apart → two incidents',
      [...burst(P1, 11, 0, 30 * S, 'a'), ...burst(P1, 11, 60 * MIN, 30 * S, 'b')],
      [
        ['P1', 11],
        ['P1', 11],
      ],
      0,
    ],
    [
      '11 alarms on one asset → an incident at that asset',
      burst(P1, 11, 0, 30 * S, 'a').map((a) => ({ ...a, assetId: 'S1' })),
      [['S1', 11]],
      0,
    ],
  ])('flood: %s', (_label, alarms, expected, ungrouped) => {
    const result = groupFloods(alarms);
    expect(result.incidents.map((i) => [i.rootAssetId, i.alarmIds.length])).toEqual(expected);
    expect(result.ungrouped).toHaveLength(ungrouped);
  });
});
