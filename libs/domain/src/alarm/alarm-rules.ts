import type { Domain, RiskLevel } from '#contracts';

/**
 * The alarm-rule model (PEERS.md §5.C item 11): per-metric conditions that each yield a level, plus
 * deadband, on/off delays, repeat count and corroboration. Alarm colours map to levels as everywhere
 * else: red = major, orange = larger, yellow = general, blue = low (DOMAIN.md §c.1).
 *
 * Thresholds may be numbers or shares of a reference value (`{ ref, percent }`): a design value from
 * the asset's census (`design_strain_ue`, `deflection_limit_mm`, `diameter_mm`) or a rule parameter
 * (`setpoint_mpa`, baselines). `resolveRules` turns them into numbers per asset.
 */

export type AlarmLevel = RiskLevel;

/** A number, or `percent` % of a reference value times `scale` (unit conversion, e.g. mm → m = 0.001). */
export type ThresholdValue =
  number | { readonly ref: string; readonly percent: number; readonly scale?: number };

export interface LevelStep<T> {
  level: AlarmLevel;
  value: T;
  /** Overrides the condition's `inclusive` for this step (e.g. ponding "> 25 cm" after "10–25 cm"). */
  inclusive?: boolean;
}

export interface LevelBand<T> {
  level: AlarmLevel;
  low: T;
  high: T;
}

/** value (minus `baseline`, absolute when `absolute`) ≥ / > each step's value. */
export interface AboveCondition<T> {
  id: string;
  kind: 'above';
  steps: readonly LevelStep<T>[];
  inclusive: boolean;
  absolute?: boolean;
  baseline?: T;
}

/** value ≤ / < each step's value. */
export interface BelowCondition<T> {
  id: string;
  kind: 'below';
  steps: readonly LevelStep<T>[];
  inclusive: boolean;
}

/** value outside [low, high] (strictly). */
export interface OutsideCondition<T> {
  id: string;
  kind: 'outside';
  bands: readonly LevelBand<T>[];
}

/** A drop from the window's peak (or rise from its trough) by more than `amount` within `withinMs`; `relative` = amount in % of the peak/trough. */
export interface RateCondition<T> {
  id: string;
  kind: 'rate';
  change: 'drop' | 'rise';
  amount: T;
  relative: boolean;
  withinMs: number;
  level: AlarmLevel;
}

/** The last `readings` values are all ≥ `atLeast` and strictly increasing. */
export interface RisingCondition<T> {
  id: string;
  kind: 'rising';
  atLeast: T;
  readings: number;
  level: AlarmLevel;
}

export type AlarmCondition<T = ThresholdValue> =
  AboveCondition<T> | BelowCondition<T> | OutsideCondition<T> | RateCondition<T> | RisingCondition<T>;

/** A condition must hold for `readings` consecutive readings and `ms` milliseconds (both; 1 and 0 = immediate). */
export interface Delay {
  readings: number;
  ms: number;
}

/** Confirmation from another signal of the same asset, or from neighbouring devices. */
export type Corroboration =
  | { kind: 'flag'; metric: string; steps: number; maxSkewMs: number }
  | { kind: 'neighbours'; minNeighbours: number; level: AlarmLevel };

export interface AlarmRule<T = ThresholdValue> {
  /** `domain.metric` (or `device.metric` for device health); the dedup key is (assetId, ruleId). */
  id: string;
  domains: readonly Domain[];
  metric: string;
  label: string;
  /** Where the numbers come from: DOMAIN.md row and [S#] source. */
  source: string;
  /** True when DOMAIN.md marks the thresholds ASSUMPTION/MEM: a configurable default, not a fact. */
  assumption: boolean;
  enabled: boolean;
  conditions: readonly AlarmCondition<T>[];
  /** Hysteresis in metric units: a level, once met, holds until the value passes its threshold by this much. */
  deadband: number;
  onDelay: Delay;
  offDelay: Delay;
  /** Any level held for `readings` consecutive readings is raised to at least `level` (repeat count). */
  repeat?: { readings: number; level: AlarmLevel };
  corroborations: readonly Corroboration[];
  /** Reference values used by `{ ref }` thresholds (setpoints, baselines); overridable per asset. */
  params: Readonly<Record<string, number>>;
}

/** A rule whose thresholds are numbers for one asset. */
export type ResolvedRule = AlarmRule<number>;

const DELAY_IMMEDIATE: Delay = { readings: 1, ms: 0 };

/** The rule defaults shared by most DEFAULT_RULES entries (immediate, no deadband). */
export const RULE_DEFAULTS = {
  enabled: true,
  deadband: 0,
  onDelay: DELAY_IMMEDIATE,
  offDelay: DELAY_IMMEDIATE,
  corroborations: [],
  params: {},
} as const satisfies Partial<AlarmRule>;

const finite = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n);

function conditionErrors(c: AlarmCondition<number>): string[] {
  switch (c.kind) {
    case 'above':
    case 'below': {
      const errors = c.steps.length === 0 ? [`${c.id}: no steps`] : [];
      const levels = new Set(c.steps.map((s) => s.level));
      if (levels.size !== c.steps.length) errors.push(`${c.id}: a level appears twice`);
      return [
        ...errors,
        ...c.steps
          .filter((s) => !finite(s.value))
          .map((s) => `${c.id}: ${s.level} threshold is not a finite number`),
      ];
    }
    case 'outside':
      return c.bands
        .filter((b) => !finite(b.low) || !finite(b.high) || b.low > b.high)
        .map((b) => `${c.id}: ${b.level} band is not low ≤ high`);
    case 'rate':
      return !finite(c.amount) || c.amount <= 0 || !(c.withinMs > 0)
        ? [`${c.id}: rate needs amount > 0 and withinMs > 0`]
        : [];
    case 'rising':
      return !finite(c.atLeast) || !Number.isInteger(c.readings) || c.readings < 2
        ? [`${c.id}: rising needs a number and ≥ 2 readings`]
        : [];
  }
}

/** Every problem with a resolved rule (empty when it can be evaluated). */
export function ruleErrors(rule: ResolvedRule): string[] {
  const errors = rule.conditions.flatMap(conditionErrors).map((e) => `${rule.id}.${e}`);
  if (!(rule.deadband >= 0)) errors.push(`${rule.id}: deadband must be ≥ 0`);
  for (const [name, d] of [
    ['onDelay', rule.onDelay],
    ['offDelay', rule.offDelay],
  ] as const) {
    if (!Number.isInteger(d.readings) || d.readings < 1 || !(d.ms >= 0))
      errors.push(`${rule.id}: ${name} needs readings ≥ 1 and ms ≥ 0`);
  }
  if (rule.repeat && (!Number.isInteger(rule.repeat.readings) || rule.repeat.readings < 2))
    errors.push(`${rule.id}: repeat needs ≥ 2 readings`);
  return errors;
}
