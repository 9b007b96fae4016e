import { compareLevels } from '../risk/risk-matrix.js';
import type {
  AboveCondition,
  AlarmCondition,
  AlarmLevel,
  BelowCondition,
  OutsideCondition,
  RateCondition,
  ResolvedRule,
  RisingCondition,
} from './alarm-rules.js';

/** A reading kept in the rule state's recent window: [epoch ms, value]. */
export type Sample = readonly [number, number];

/** The condition that set the level of one reading. */
export interface ConditionHit {
  level: AlarmLevel;
  threshold: number;
  conditionId: string;
  reason: string;
}

interface Ctx {
  rule: ResolvedRule;
  value: number;
  ts: number;
  /** Recent samples, oldest first, the current reading last. */
  window: readonly Sample[];
  /** Level the conditions gave at the previous reading: thresholds at or below it get the deadband (hysteresis). */
  held: AlarmLevel | null;
}

const holds = (ctx: Ctx, level: AlarmLevel): boolean =>
  ctx.held !== null && compareLevels(ctx.held, level) >= 0;
const byLevelDesc = <T extends { level: AlarmLevel }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => compareLevels(b.level, a.level));
const fmt = (n: number): string => String(Math.round(n * 1e6) / 1e6);

function above(c: AboveCondition<number>, ctx: Ctx): ConditionHit | null {
  const shifted = ctx.value - (c.baseline ?? 0);
  const x = c.absolute ? Math.abs(shifted) : shifted;
  for (const step of byLevelDesc(c.steps)) {
    const t = holds(ctx, step.level) ? step.value - ctx.rule.deadband : step.value;
    const inclusive = step.inclusive ?? c.inclusive;
    if (inclusive ? x >= t : x > t) {
      return {
        level: step.level,
        threshold: step.value,
        conditionId: c.id,
        reason: `${ctx.rule.metric} ${fmt(x)} ${inclusive ? '≥' : '>'} ${fmt(t)}`,
      };
    }
  }
  return null;
}

function below(c: BelowCondition<number>, ctx: Ctx): ConditionHit | null {
  for (const step of byLevelDesc(c.steps)) {
    const t = holds(ctx, step.level) ? step.value + ctx.rule.deadband : step.value;
    const inclusive = step.inclusive ?? c.inclusive;
    if (inclusive ? ctx.value <= t : ctx.value < t) {
      return {
        level: step.level,
        threshold: step.value,
        conditionId: c.id,
        reason: `${ctx.rule.metric} ${fmt(ctx.value)} ${inclusive ? '≤' : '<'} ${fmt(t)}`,
      };
    }
  }
  return null;
}

function outside(c: OutsideCondition<number>, ctx: Ctx): ConditionHit | null {
  for (const band of byLevelDesc(c.bands)) {
    const margin = holds(ctx, band.level) ? ctx.rule.deadband : 0;
    if (ctx.value < band.low + margin)
      return {
        level: band.level,
        threshold: band.low,
        conditionId: c.id,
        reason: `${ctx.rule.metric} ${fmt(ctx.value)} < ${fmt(band.low + margin)}`,
      };
    if (ctx.value > band.high - margin)
      return {
        level: band.level,
        threshold: band.high,
        conditionId: c.id,
        reason: `${ctx.rule.metric} ${fmt(ctx.value)} > ${fmt(band.high - margin)}`,
      };
  }
  return null;
}

function rate(c: RateCondition<number>, ctx: Ctx): ConditionHit | null {
  const recent = ctx.window.filter(([ts]) => ts >= ctx.ts - c.withinMs).map(([, v]) => v);
  if (recent.length < 2) return null;
  const reference = c.change === 'drop' ? Math.max(...recent) : Math.min(...recent);
  const change = c.change === 'drop' ? reference - ctx.value : ctx.value - reference;
  const raw = c.relative ? (reference === 0 ? 0 : (change / Math.abs(reference)) * 100) : change;
  // Round to 1e-9 so 0.28 − 0.18 (= 0.10000000000000003) is not "more than 0.1".
  const measured = Math.round(raw * 1e9) / 1e9;
  if (!(measured > c.amount)) return null;
  const unit = c.relative ? ' %' : '';
  return {
    level: c.level,
    threshold: c.amount,
    conditionId: c.id,
    reason: `${ctx.rule.metric} ${c.change} ${fmt(measured)}${unit} > ${fmt(c.amount)}${unit} within ${c.withinMs / 60_000} min`,
  };
}

function rising(c: RisingCondition<number>, ctx: Ctx): ConditionHit | null {
  const last = ctx.window.slice(-c.readings).map(([, v]) => v);
  if (last.length < c.readings) return null;
  const ok = last.every((v, i) => v >= c.atLeast && (i === 0 || v > last[i - 1]));
  if (!ok) return null;
  return {
    level: c.level,
    threshold: c.atLeast,
    conditionId: c.id,
    reason: `${ctx.rule.metric} ≥ ${fmt(c.atLeast)} and rising for ${c.readings} readings (${last.map(fmt).join(' → ')})`,
  };
}

function hitOf(c: AlarmCondition<number>, ctx: Ctx): ConditionHit | null {
  switch (c.kind) {
    case 'above':
      return above(c, ctx);
    case 'below':
      return below(c, ctx);
    case 'outside':
      return outside(c, ctx);
    case 'rate':
      return rate(c, ctx);
    case 'rising':
      return rising(c, ctx);
  }
}

/** The most severe condition the reading meets (the first listed wins a tie), or null. */
export function evaluateConditions(
  rule: ResolvedRule,
  value: number,
  ts: number,
  window: readonly Sample[],
  held: AlarmLevel | null,
): ConditionHit | null {
  const ctx: Ctx = { rule, value, ts, window, held };
  let best: ConditionHit | null = null;
  for (const condition of rule.conditions) {
    const hit = hitOf(condition, ctx);
    if (hit && (best === null || compareLevels(hit.level, best.level) > 0)) best = hit;
  }
  return best;
}

/** Largest rate window of the rule, in ms (0 without rate conditions). */
export function windowMsOf(rule: ResolvedRule): number {
  return Math.max(0, ...rule.conditions.map((c) => (c.kind === 'rate' ? c.withinMs : 0)));
}

/** Readings the rule must remember for its rising conditions. */
export function windowReadingsOf(rule: ResolvedRule): number {
  return Math.max(1, ...rule.conditions.map((c) => (c.kind === 'rising' ? c.readings : 0)));
}
