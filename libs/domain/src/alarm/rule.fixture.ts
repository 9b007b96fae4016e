import type { CensusAttributes } from '#contracts';
import { RULE_DEFAULTS, type ResolvedRule } from './alarm-rules.js';
import { DEFAULT_RULES } from './default-rules.js';
import { evaluate, type EvaluationContext, type RuleReading } from './rule-evaluator.js';
import { resolveRules, type RuleOverride } from './rule-resolve.js';

/** Test data for the rule-evaluator specs (not exported from the library index). */

export const MIN = 60_000;
export const T0 = Date.UTC(2026, 2, 3, 2, 0);
export const NOW = T0 + 24 * 60 * MIN;

/** A default rule resolved for an asset with the given census and overrides. */
export const ruleOf = (
  id: string,
  attributes: CensusAttributes = {},
  asset: RuleOverride[] = [],
): ResolvedRule => {
  const rule = resolveRules(DEFAULT_RULES, [], asset, { attributes }).rules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
};

/** A rule `x ≥ 10 → general` with the given deadband and delays. */
export const simple = (over: Partial<ResolvedRule> = {}): ResolvedRule => ({
  ...RULE_DEFAULTS,
  id: 'test.x',
  domains: ['gas'],
  metric: 'x',
  label: 'x',
  source: 'test',
  assumption: false,
  conditions: [{ id: 'ladder', kind: 'above', inclusive: true, steps: [{ level: 'general', value: 10 }] }],
  ...over,
});

/** Readings `stepMs` apart from T0. */
export const series = (values: readonly number[], stepMs = MIN): RuleReading[] =>
  values.map((value, i) => ({ ts: T0 + i * stepMs, value }));

/** Transitions of a fresh evaluation as `kind:level@value`. */
export const run = (rule: ResolvedRule, readings: RuleReading[], ctx: EvaluationContext = {}): string[] =>
  evaluate(null, readings, rule, NOW, ctx).transitions.map((t) => `${t.kind}:${t.level ?? '-'}@${t.value}`);

/** Ethane present 3 min after T0. */
export const ETHANE: EvaluationContext = { companions: { c2h6_present: { ts: T0 + 3 * MIN, value: 1 } } };
