import type { CensusAttributes } from '#contracts';
import {
  ruleErrors,
  type AlarmCondition,
  type AlarmLevel,
  type AlarmRule,
  type Corroboration,
  type Delay,
  type LevelBand,
  type LevelStep,
  type ResolvedRule,
  type ThresholdValue,
} from './alarm-rules.js';
import { DEFAULT_RULES_VERSION } from './default-rules.js';

/** Per-condition override, matched by condition id; `enabled: false` removes the condition. */
export interface ConditionOverride {
  enabled?: boolean;
  inclusive?: boolean;
  steps?: readonly LevelStep<ThresholdValue>[];
  bands?: readonly LevelBand<ThresholdValue>[];
  amount?: ThresholdValue;
  withinMs?: number;
  atLeast?: ThresholdValue;
  readings?: number;
  level?: AlarmLevel;
}

/** Override of one rule by a device profile or an asset. */
export interface RuleOverride {
  ruleId: string;
  enabled?: boolean;
  deadband?: number;
  onDelay?: Partial<Delay>;
  offDelay?: Partial<Delay>;
  repeat?: { readings: number; level: AlarmLevel } | null;
  corroborations?: readonly Corroboration[];
  params?: Readonly<Record<string, number>>;
  conditions?: Readonly<Record<string, ConditionOverride>>;
}

export interface SkippedRule {
  ruleId: string;
  conditionId?: string;
  reason: string;
}

export interface ResolvedRuleSet {
  /** Enabled rules with numeric thresholds, ready for the evaluator. */
  rules: ResolvedRule[];
  /** Base version + hashes of the overrides and of the census values used: stored with every alarm. */
  version: string;
  /** Rules or conditions left out, and why (disabled, a missing design value, invalid). */
  skipped: SkippedRule[];
}

function mergeCondition(
  condition: AlarmCondition,
  override: ConditionOverride | undefined,
): AlarmCondition | null {
  if (override === undefined) return condition;
  if (override.enabled === false) return null;
  const { enabled: _enabled, ...fields } = override;
  // Only the fields of the condition's own kind are meaningful; ruleErrors() rejects a broken result.
  const merged: Record<string, unknown> = { ...condition };
  for (const [key, value] of Object.entries(fields))
    if (key in condition && value !== undefined) merged[key] = value;
  return merged as unknown as AlarmCondition;
}

/** One rule with one override applied (defaults ← profile ← asset). */
export function mergeRule(rule: AlarmRule, override: RuleOverride | undefined): AlarmRule {
  if (override === undefined) return rule;
  const conditions = rule.conditions
    .map((c) => mergeCondition(c, override.conditions?.[c.id]))
    .filter((c): c is AlarmCondition => c !== null);
  const { repeat, ...rest } = rule;
  const nextRepeat = override.repeat === undefined ? repeat : (override.repeat ?? undefined);
  return {
    ...rest,
    ...(nextRepeat ? { repeat: nextRepeat } : {}),
    enabled: override.enabled ?? rule.enabled,
    deadband: override.deadband ?? rule.deadband,
    onDelay: { ...rule.onDelay, ...override.onDelay },
    offDelay: { ...rule.offDelay, ...override.offDelay },
    corroborations: override.corroborations ?? rule.corroborations,
    params: { ...rule.params, ...override.params },
    conditions,
  };
}

type Lookup = (ref: string) => number | undefined;

function resolveValue(value: ThresholdValue, lookup: Lookup): number | undefined {
  if (typeof value === 'number') return value;
  const reference = lookup(value.ref);
  return reference === undefined ? undefined : (reference * value.percent * (value.scale ?? 1)) / 100;
}

/** A condition with numeric thresholds, or the reference it is missing. */
function resolveCondition(c: AlarmCondition, lookup: Lookup): AlarmCondition<number> | { missing: string } {
  const refs: string[] = [];
  const num = (v: ThresholdValue): number => {
    const resolved = resolveValue(v, lookup);
    if (resolved === undefined && typeof v !== 'number') refs.push(v.ref);
    return resolved ?? Number.NaN;
  };
  let out: AlarmCondition<number>;
  switch (c.kind) {
    case 'above':
      out = {
        ...c,
        steps: c.steps.map((s) => ({ ...s, value: num(s.value) })),
        baseline: c.baseline === undefined ? undefined : num(c.baseline),
      };
      break;
    case 'below':
      out = { ...c, steps: c.steps.map((s) => ({ ...s, value: num(s.value) })) };
      break;
    case 'outside':
      out = { ...c, bands: c.bands.map((b) => ({ ...b, low: num(b.low), high: num(b.high) })) };
      break;
    case 'rate':
      out = { ...c, amount: num(c.amount) };
      break;
    case 'rising':
      out = { ...c, atLeast: num(c.atLeast) };
      break;
  }
  return refs.length > 0 ? { missing: [...new Set(refs)].join(', ') } : out;
}

/** 32-bit FNV-1a of a string, as 8 hex digits: a short, stable content tag for versions. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** JSON with object keys sorted, so equal content always hashes equally. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function ruleVersion(
  base: string,
  profile: readonly RuleOverride[],
  asset: readonly RuleOverride[],
  used: Record<string, number>,
): string {
  const parts = [base];
  if (profile.length > 0) parts.push(`p.${fnv1a(stableStringify(profile))}`);
  if (asset.length > 0) parts.push(`a.${fnv1a(stableStringify(asset))}`);
  if (Object.keys(used).length > 0) parts.push(`r.${fnv1a(stableStringify(used))}`);
  return parts.join('+');
}

export interface ResolveOptions {
  /** Census attributes of the asset: design values for percent-of-design thresholds. */
  attributes?: CensusAttributes;
  baseVersion?: string;
}

/** Reference values: rule parameters first, then numeric census attributes (recorded in `used` for the version). */
function lookupFor(rule: AlarmRule, attributes: CensusAttributes, used: Record<string, number>): Lookup {
  return (ref) => {
    const fromParams = rule.params[ref];
    const fromCensus = (attributes as Record<string, unknown>)[ref];
    const value = fromParams ?? (typeof fromCensus === 'number' ? fromCensus : undefined);
    if (value === undefined || !Number.isFinite(value)) return undefined;
    // Parameters are covered by the base version and the override hashes; census values are not.
    if (fromParams === undefined) used[ref] = value;
    return value;
  };
}

function resolveOne(
  rule: AlarmRule,
  attributes: CensusAttributes,
  used: Record<string, number>,
  skipped: SkippedRule[],
): ResolvedRule | null {
  const skip = (reason: string, conditionId?: string): null => {
    skipped.push(
      conditionId === undefined ? { ruleId: rule.id, reason } : { ruleId: rule.id, conditionId, reason },
    );
    return null;
  };
  if (!rule.enabled) return skip('disabled');
  const lookup = lookupFor(rule, attributes, used);
  const conditions: AlarmCondition<number>[] = [];
  for (const condition of rule.conditions) {
    const resolved = resolveCondition(condition, lookup);
    if ('missing' in resolved) skip(`missing reference value: ${resolved.missing}`, condition.id);
    else conditions.push(resolved);
  }
  if (conditions.length === 0) return skip('no evaluable condition');
  const resolved: ResolvedRule = { ...rule, conditions };
  const errors = ruleErrors(resolved);
  return errors.length > 0 ? skip(errors.join('; ')) : resolved;
}

/** The rules in force for one device on one asset: defaults ← device-profile overrides ← asset overrides, thresholds made numeric. */
export function resolveRules(
  defaults: readonly AlarmRule[],
  profileOverrides: readonly RuleOverride[],
  assetOverrides: readonly RuleOverride[],
  options: ResolveOptions = {},
): ResolvedRuleSet {
  const known = new Set(defaults.map((r) => r.id));
  const skipped: SkippedRule[] = [...profileOverrides, ...assetOverrides]
    .filter((o) => !known.has(o.ruleId))
    .map((o) => ({ ruleId: o.ruleId, reason: 'override for an unknown rule' }));
  const byId = (list: readonly RuleOverride[]) => new Map(list.map((o) => [o.ruleId, o]));
  const profile = byId(profileOverrides);
  const asset = byId(assetOverrides);
  const used: Record<string, number> = {};
  const rules = defaults
    .map((rule) =>
      resolveOne(
        mergeRule(mergeRule(rule, profile.get(rule.id)), asset.get(rule.id)),
        options.attributes ?? {},
        used,
        skipped,
      ),
    )
    .filter((r): r is ResolvedRule => r !== null);
  return {
    rules,
    version: ruleVersion(
      options.baseVersion ?? DEFAULT_RULES_VERSION,
      profileOverrides,
      assetOverrides,
      used,
    ),
    skipped,
  };
}
