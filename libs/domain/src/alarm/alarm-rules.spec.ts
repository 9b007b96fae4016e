import { METRIC_CATALOG, metricSpec } from '../metric-catalog.js';
import { ruleErrors, type AboveCondition, type ResolvedRule } from './alarm-rules.js';
import { DEFAULT_RULES, DEFAULT_RULES_VERSION, rulesFor } from './default-rules.js';
import { resolveRules, stableStringify, type RuleOverride } from './rule-resolve.js';

const HEALTH_METRICS = new Set(['battery_pct', 'rssi_dbm']);

const ladder = (rule: ResolvedRule | undefined): number[] =>
  (rule?.conditions.find((c) => c.id === 'ladder') as AboveCondition<number> | undefined)?.steps.map(
    (s) => s.value,
  ) ?? [];

describe('default alarm rules (DOMAIN.md §a)', () => {
  it('has unique ids, each citing a DOMAIN.md §a row', () => {
    expect(new Set(DEFAULT_RULES.map((r) => r.id)).size).toBe(DEFAULT_RULES.length);
    for (const rule of DEFAULT_RULES) expect(rule.source).toMatch(/DOMAIN\.md §a\.\d/);
  });

  it.each(DEFAULT_RULES.map((r) => [r.id, r] as const))(
    '%s watches a catalog metric of each of its domains',
    (_id, rule) => {
      for (const domain of rule.domains)
        expect(HEALTH_METRICS.has(rule.metric) || metricSpec(domain, rule.metric) !== undefined).toBe(true);
    },
  );

  it.each([
    ['gas', 'ch4_lel'],
    ['gas', 'cover_tilt_deg'],
    ['gas', 'pressure_mpa'],
    ['heating', 'return_pressure_mpa'],
    ['heating', 'well_temp_c'],
    ['water', 'pressure_mpa'],
    ['water', 'turbidity_ntu'],
    ['water', 'leak_noise_db'],
    ['drainage', 'freeboard_m'],
    ['drainage', 'ponding_cm'],
    ['drainage', 'rain_mm_h'],
    ['drainage', 'h2s_mgm3'],
    ['bridge', 'strain_ue'],
    ['bridge', 'deflection_mm'],
    ['bridge', 'crack_mm'],
    ['bridge', 'tilt_permille'],
    ['bridge', 'vehicle_t'],
    ['bridge', 'freq_hz'],
    ['tunnel', 'temperature_c'],
    ['tunnel', 'o2_pct'],
    ['tunnel', 'h2s_mgm3'],
    ['tunnel', 'ch4_lel'],
    ['tunnel', 'sump_level_m'],
  ] as const)('covers %s.%s', (domain, metric) => {
    expect(rulesFor(DEFAULT_RULES, domain, metric)).toHaveLength(1);
    expect(METRIC_CATALOG[domain].some((m) => m.name === metric)).toBe(true);
  });

  it('resolves every default rule without errors when the design values and parameters are known', () => {
    const attributes = { design_strain_ue: 500, deflection_limit_mm: 80, diameter_mm: 600 };
    const params = {
      setpoint_mpa: 0.3,
      makeup_baseline_th: 20,
      freq_baseline_hz: 2.4,
      humidity_design_pct: 85,
      sump_high_m: 0.8,
      sump_high_high_m: 1.2,
    };
    const overrides: RuleOverride[] = DEFAULT_RULES.map((r) => ({ ruleId: r.id, params }));
    const set = resolveRules(DEFAULT_RULES, [], overrides, { attributes });
    expect(set.skipped).toEqual([]);
    expect(set.rules).toHaveLength(DEFAULT_RULES.length);
  });
});

describe('resolveRules', () => {
  it.each<[string, Record<string, number>, number[]]>([
    ['bridge.strain_ue', { design_strain_ue: 500 }, [350, 425, 500]],
    ['bridge.deflection_mm', { deflection_limit_mm: 60 }, [48, 54, 60]],
  ])('reads %s thresholds from the census %j', (id, attributes, expected) => {
    const rule = resolveRules(DEFAULT_RULES, [], [], { attributes }).rules.find((r) => r.id === id);
    expect(ladder(rule)).toEqual(expected);
  });

  it('scales a reference (drainage full pipe: diameter mm → m)', () => {
    const rule = resolveRules(DEFAULT_RULES, [], [], { attributes: { diameter_mm: 800 } }).rules.find(
      (r) => r.id === 'drainage.level_m',
    );
    expect((rule?.conditions[0] as AboveCondition<number>).steps[0].value).toBeCloseTo(0.8);
  });

  it.each<[string, string | undefined, string]>([
    ['bridge.strain_ue', undefined, 'no evaluable condition'],
    ['bridge.strain_ue', 'ladder', 'missing reference value: design_strain_ue'],
    ['gas.pressure_mpa', 'deviation', 'missing reference value: setpoint_mpa'],
    ['tunnel.sump_level_m', 'ladder', 'missing reference value: sump_high_m, sump_high_high_m'],
  ])('skips %s (%s) without its reference value', (ruleId, conditionId, reason) => {
    expect(resolveRules(DEFAULT_RULES, [], []).skipped).toContainEqual(
      conditionId ? { ruleId, conditionId, reason } : { ruleId, reason },
    );
  });

  it('keeps the drop condition of gas pressure when the setpoint is missing', () => {
    const rule = resolveRules(DEFAULT_RULES, [], []).rules.find((r) => r.id === 'gas.pressure_mpa');
    expect(rule?.conditions.map((c) => c.id)).toEqual(['drop']);
  });

  it.each<[string, RuleOverride[], RuleOverride[], number[], number]>([
    ['defaults', [], [], [10, 25, 50], 2],
    [
      'profile over defaults',
      [
        {
          ruleId: 'gas.ch4_lel',
          deadband: 1,
          conditions: {
            ladder: {
              steps: [
                { level: 'general', value: 8 },
                { level: 'larger', value: 25 },
                { level: 'major', value: 50 },
              ],
            },
          },
        },
      ],
      [],
      [8, 25, 50],
      1,
    ],
    [
      'asset over profile',
      [
        {
          ruleId: 'gas.ch4_lel',
          deadband: 1,
          conditions: { ladder: { steps: [{ level: 'general', value: 8 }] } },
        },
      ],
      [
        {
          ruleId: 'gas.ch4_lel',
          conditions: {
            ladder: {
              steps: [
                { level: 'general', value: 12 },
                { level: 'major', value: 40 },
              ],
            },
          },
        },
      ],
      [12, 40],
      1,
    ],
  ])('merges %s', (_label, profile, asset, steps, deadband) => {
    const rule = resolveRules(DEFAULT_RULES, profile, asset).rules.find((r) => r.id === 'gas.ch4_lel');
    expect(ladder(rule)).toEqual(steps);
    expect(rule?.deadband).toBe(deadband);
  });

  it.each<[string, RuleOverride, string]>([
    ['disables a rule', { ruleId: 'gas.cover_tilt_deg', enabled: false }, 'disabled'],
    [
      'rejects an invalid override',
      { ruleId: 'gas.cover_tilt_deg', onDelay: { readings: 0 } },
      'gas.cover_tilt_deg: onDelay needs readings ≥ 1 and ms ≥ 0',
    ],
    [
      'removes the only condition',
      { ruleId: 'gas.cover_tilt_deg', conditions: { ladder: { enabled: false } } },
      'no evaluable condition',
    ],
  ])('%s', (_label, override, reason) => {
    const set = resolveRules(DEFAULT_RULES, [], [override]);
    expect(set.rules.some((r) => r.id === override.ruleId)).toBe(false);
    expect(set.skipped).toContainEqual({ ruleId: override.ruleId, reason });
  });

  it('reports an override of an unknown rule', () => {
    expect(resolveRules(DEFAULT_RULES, [{ ruleId: 'gas.nope' }], []).skipped).toContainEqual({
      ruleId: 'gas.nope',
      reason: 'override for an unknown rule',
    });
  });

  it('versions the rule set by content', () => {
    const a: RuleOverride = { ruleId: 'gas.ch4_lel', deadband: 1, params: { x: 1, y: 2 } };
    const b: RuleOverride = { params: { y: 2, x: 1 }, deadband: 1, ruleId: 'gas.ch4_lel' };
    const base = resolveRules(DEFAULT_RULES, [], []).version;
    expect(base).toBe(DEFAULT_RULES_VERSION);
    expect(resolveRules(DEFAULT_RULES, [a], []).version).toBe(resolveRules(DEFAULT_RULES, [b], []).version);
    expect(resolveRules(DEFAULT_RULES, [a], []).version).toMatch(/^alarm-rules\/1\.0\.0\+p\.[0-9a-f]{8}$/);
    expect(resolveRules(DEFAULT_RULES, [], [a]).version).toMatch(/\+a\.[0-9a-f]{8}$/);
    const withDesign = resolveRules(DEFAULT_RULES, [], [], { attributes: { design_strain_ue: 500 } }).version;
    expect(withDesign).not.toBe(
      resolveRules(DEFAULT_RULES, [], [], { attributes: { design_strain_ue: 600 } }).version,
    );
    expect(stableStringify({ b: [1, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}');
  });

  it.each<[string, Partial<ResolvedRule>, string]>([
    [
      'a duplicated level',
      {
        conditions: [
          {
            id: 'l',
            kind: 'above',
            inclusive: true,
            steps: [
              { level: 'general', value: 1 },
              { level: 'general', value: 2 },
            ],
          },
        ],
      },
      'a level appears twice',
    ],
    [
      'an inverted band',
      { conditions: [{ id: 'b', kind: 'outside', bands: [{ level: 'larger', low: 3, high: 1 }] }] },
      'band is not low ≤ high',
    ],
    [
      'a zero-width rate',
      {
        conditions: [
          {
            id: 'r',
            kind: 'rate',
            change: 'drop',
            amount: 0.1,
            relative: false,
            withinMs: 0,
            level: 'major',
          },
        ],
      },
      'rate needs',
    ],
    [
      'a one-reading rise',
      { conditions: [{ id: 'r', kind: 'rising', atLeast: 1, readings: 1, level: 'major' }] },
      'rising needs',
    ],
    ['a negative deadband', { deadband: -1 }, 'deadband must be ≥ 0'],
    ['a one-reading repeat', { repeat: { readings: 1, level: 'larger' } }, 'repeat needs'],
  ])('ruleErrors flags %s', (_label, over, fragment) => {
    const base = resolveRules(DEFAULT_RULES, [], []).rules.find((r) => r.id === 'gas.ch4_lel')!;
    expect(ruleErrors({ ...base, ...over }).join('\n')).toContain(fragment);
  });
});
