import type { AlarmLevel } from './alarm-rules.js';
import { evaluate, initialRuleState, type RuleReading } from './rule-evaluator.js';
import { ETHANE, MIN, NOW, ruleOf, series, T0 } from './rule.fixture.js';

describe('rule evaluator: inputs, ordering and persistence', () => {
  it('records value, threshold and reason on a transition', () => {
    const [t] = evaluate(null, { ts: T0, value: 27 }, ruleOf('gas.ch4_lel'), NOW, ETHANE).transitions;
    expect(t).toMatchObject({
      kind: 'raise',
      ruleId: 'gas.ch4_lel',
      level: 'major',
      from: null,
      value: 27,
      threshold: 25,
      conditionId: 'ladder',
      ts: T0,
    });
    expect(t.reason).toContain('c2h6_present');
  });

  it.each<[string, RuleReading[], string]>([
    ['suspect readings', [{ ts: T0, value: 60, quality: 'suspect' }], 'suspect'],
    ['readings beyond now + 5 min', [{ ts: NOW + 6 * MIN, value: 60 }], 'future'],
    ['non-finite values', [{ ts: T0, value: Number.NaN }], 'not_finite'],
  ])('ignores %s', (_label, readings, reason) => {
    const result = evaluate(null, readings, ruleOf('gas.ch4_lel'), NOW);
    expect(result.transitions).toEqual([]);
    expect(result.ignored).toEqual([{ ts: readings[0].ts, reason }]);
  });

  it('does not re-raise from back-filled readings older than the last evaluated one', () => {
    const rule = ruleOf('gas.ch4_lel');
    const cleared = evaluate(null, series([30, 2]), rule, NOW).state;
    const backfill = evaluate(
      cleared,
      [
        { ts: T0 - 10 * MIN, value: 60 },
        { ts: T0 + MIN, value: 55 },
      ],
      rule,
      NOW,
    );
    expect(backfill.transitions).toEqual([]);
    expect(backfill.ignored.map((i) => i.reason)).toEqual(['out_of_order', 'out_of_order']);
    expect(backfill.state).toEqual(cleared);
  });

  it('sorts a batch by timestamp before evaluating', () => {
    const rule = ruleOf('gas.ch4_lel');
    const sorted = series([2, 12, 27]);
    expect(evaluate(null, [...sorted].reverse(), rule, NOW)).toEqual(evaluate(null, sorted, rule, NOW));
  });

  it('continues the same after a JSON round trip of the state (restart)', () => {
    const rule = ruleOf('water.pressure_mpa');
    const first = evaluate(null, series([0.3, 0.29]), rule, NOW).state;
    const restored = JSON.parse(JSON.stringify(first)) as typeof first;
    const next = { ts: T0 + 2 * MIN, value: 0.17 };
    expect(evaluate(restored, next, rule, NOW)).toEqual(evaluate(first, next, rule, NOW));
    expect(evaluate(restored, next, rule, NOW).transitions).toHaveLength(1);
  });

  it('keeps a bounded window of samples', () => {
    const rule = ruleOf('gas.pressure_mpa');
    const state = evaluate(null, series(Array.from({ length: 30 }, () => 0.3)), rule, NOW).state;
    expect(state.window.every(([ts]) => ts >= T0 + 29 * MIN - 5 * MIN)).toBe(true);
    expect(state.window).toHaveLength(6);
  });

  it('refuses a state of another rule', () => {
    expect(() =>
      evaluate(initialRuleState('gas.ch4_lel'), series([1]), ruleOf('water.pressure_mpa'), NOW),
    ).toThrow('gas.ch4_lel');
  });

  it.each<[AlarmLevel | null, number]>([
    ['general', 12],
    [null, 2],
  ])('ends active at %p after %p', (level, value) => {
    const state = evaluate(null, series([value]), ruleOf('gas.ch4_lel'), NOW).state;
    expect(state.active?.level ?? null).toBe(level);
  });
});
